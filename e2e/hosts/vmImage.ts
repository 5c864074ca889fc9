import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { run } from './docker';
import type { QemuCreateRequest } from '../../shared/types';
import { debianMirror } from './image';

/**
 * A small bootable Debian 12 for the QEMU driver's tests: systemd, systemd-networkd (DHCP), sshd
 * and cloud-init (NoCloud), booted with its own kernel and initrd (direct kernel boot: no
 * bootloader to install without loop devices). Built from Debian's packages, cached by recipe.
 */
const SUITE = 'bookworm';
const PACKAGES = [
  'linux-image-amd64', 'initramfs-tools', 'systemd', 'systemd-sysv', 'udev', 'dbus', 'kmod',
  'openssh-server', 'sudo', 'ca-certificates', 'iproute2', 'procps',
  // debootstrap cannot resolve cloud-init's virtual dependency without it
  'cloud-init', 'python3-cffi-backend',
];
const DISK_SIZE = '3G';

const CONFIGURE = `set -eu
echo berth-vm > /etc/hostname
printf '%s\\n' '/dev/vda / ext4 defaults,errors=remount-ro 0 1' > /etc/fstab
mkdir -p /etc/systemd/network
printf '%s\\n' '[Match]' 'Name=en* eth*' '[Network]' 'DHCP=yes' > /etc/systemd/network/20-wired.network
systemctl enable systemd-networkd.service ssh.service >/dev/null 2>&1
# QEMU's user-mode network answers DNS at 10.0.2.3; without resolved nothing writes this file.
rm -f /etc/resolv.conf; echo 'nameserver 10.0.2.3' > /etc/resolv.conf
systemctl mask systemd-networkd-wait-online.service >/dev/null 2>&1 || true
# cloud-init: NoCloud only; keep the baked host keys (generating them under TCG costs ~10 s).
printf '%s\\n' 'datasource_list: [ NoCloud, None ]' > /etc/cloud/cloud.cfg.d/90-berth-datasource.cfg
printf '%s\\n' 'ssh_deletekeys: false' 'locale: false' 'manage_etc_hosts: true' > /etc/cloud/cloud.cfg.d/91-berth.cfg
# A small initrd with only what a virtio guest needs boots faster.
sed -i 's/^MODULES=.*/MODULES=list/' /etc/initramfs-tools/initramfs.conf
printf '%s\\n' virtio_pci virtio_blk virtio_net virtio_scsi ext4 > /etc/initramfs-tools/modules
update-initramfs -u -k all >/dev/null
# Drivers a QEMU guest never loads.
rm -rf /lib/modules/*/kernel/drivers/gpu /lib/modules/*/kernel/drivers/net/wireless /lib/modules/*/kernel/sound /lib/modules/*/kernel/drivers/media /lib/modules/*/kernel/drivers/infiniband
apt-get clean
rm -rf /var/lib/apt/lists/*
`;

export const VM_RECIPE_HASH = createHash('sha256').update(JSON.stringify({ SUITE, PACKAGES, CONFIGURE, DISK_SIZE })).digest('hex').slice(0, 12);

export interface VmImage {
  disk: string;
  kernel: string;
  initrd: string;
}

export function vmCacheDir(): string {
  return join(process.env.BERTH_TEST_CACHE ?? join(homedir(), '.cache', 'berth-test'), `vm-${VM_RECIPE_HASH}`);
}

/** Builds the VM image unless this recipe's is cached; returns its files. */
export async function ensureVmImage(log: (line: string) => void = () => undefined): Promise<VmImage> {
  const dir = vmCacheDir();
  const image = { disk: join(dir, 'disk.qcow2'), kernel: join(dir, 'vmlinuz'), initrd: join(dir, 'initrd.img') };
  if (existsSync(image.disk) && existsSync(image.kernel) && existsSync(image.initrd)) return image;
  const started = Date.now();
  await mkdir(join(dir, '..'), { recursive: true });
  const work = await mkdtemp(join(dir, '..', 'vm-build-'));
  const rootfs = join(work, 'rootfs');
  try {
    const mirror = await debianMirror();
    log(`building VM image ${VM_RECIPE_HASH}: debootstrap ${SUITE} with a kernel from ${mirror}`);
    await run('debootstrap', ['--variant=minbase', `--include=${PACKAGES.join(',')}`, SUITE, rootfs, mirror], { timeoutMs: 1_200_000 });
    await run('chroot', [rootfs, '/bin/sh', '-c', CONFIGURE], { timeoutMs: 600_000 });
    const boot = await readdir(join(rootfs, 'boot'));
    const kernel = boot.find((f) => f.startsWith('vmlinuz-'));
    const initrd = boot.find((f) => f.startsWith('initrd.img-'));
    if (!kernel || !initrd) throw new Error(`no kernel or initrd in the VM rootfs /boot: ${boot.join(' ')}`);
    const out = join(work, 'out');
    await mkdir(out);
    await copyFile(join(rootfs, 'boot', kernel), join(out, 'vmlinuz'));
    await copyFile(join(rootfs, 'boot', initrd), join(out, 'initrd.img'));
    // mkfs.ext4 -d fills the file system from a directory: no loop device, no mount.
    await run('mkfs.ext4', ['-q', '-L', 'berthroot', '-d', rootfs, join(work, 'disk.raw'), DISK_SIZE], { timeoutMs: 600_000 });
    await run('qemu-img', ['convert', '-O', 'qcow2', join(work, 'disk.raw'), join(out, 'disk.qcow2')], { timeoutMs: 600_000 });
    await rm(dir, { recursive: true, force: true });
    await rename(out, dir);
    await writeFile(join(dir, 'RECIPE'), `${VM_RECIPE_HASH}\n`);
    log(`built VM image in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return image;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Booting this image: it has no bootloader, so its kernel and initrd are given to QEMU. */
export const VM_KERNEL_APPEND = 'root=/dev/vda rw console=ttyS0 quiet modprobe.blacklist=floppy';

/** `create -d qemu` for this image, small and under TCG (KVM exists on these machines but fails nested). */
export function vmCreateRequest(image: VmImage, name: string): QemuCreateRequest {
  return {
    name,
    image: image.disk,
    kernel: image.kernel,
    initrd: image.initrd,
    append: VM_KERNEL_APPEND,
    cpus: 2,
    memoryMb: 1024,
    diskSizeMb: 4096,
    accel: 'tcg',
    engine: { kind: 'distro' },
    engineOptions: { labels: [], insecureRegistries: [], registryMirrors: [], storageDriver: '', env: [], flags: [] },
  };
}

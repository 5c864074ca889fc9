export type { Accel } from '../../../../shared/accels';
import type { Accel } from '../../../../shared/accels';
export type QemuArch = 'x86_64' | 'aarch64';

/** Everything a VM's command line is made of; recorded in the machine's config.json so Start repeats it. */
export interface QemuSpec {
  name: string;
  arch: QemuArch;
  accel: Accel;
  cpus: number;
  memoryMb: number;
  /** The machine's own copy-on-write overlay. */
  disk: string;
  /** UEFI firmware (aarch64 guests booting from their disk). */
  firmware?: string;
  /** Direct kernel boot, for images without a bootloader (the test image; advanced). */
  kernel?: string;
  initrd?: string;
  append?: string;
  /** Forwarded from 127.0.0.1 on the host into the guest. */
  sshPort: number;
  enginePort: number;
  /** cloud-init NoCloud-Net seed URL, as the guest sees it (10.0.2.2 is the host's loopback). */
  seedUrl: string;
  qmpSocket: string;
  pidFile: string;
  consoleLog: string;
}

/** The guest architecture that runs at native speed here (another one would be emulated). */
export function hostQemuArch(arch: string = process.arch): QemuArch {
  return arch === 'arm64' ? 'aarch64' : 'x86_64';
}

export function qemuBinary(arch: QemuArch): string {
  return `qemu-system-${arch}`;
}

/** The qemu-system command line for a VM: user-mode networking with loopback forwards, QMP, a pidfile, detached. */
export function qemuArgs(s: QemuSpec): string[] {
  const hardware = s.accel !== 'tcg';
  return [
    '-name', `berth-${s.name}`,
    ...(s.arch === 'aarch64' ? ['-machine', 'virt'] : []),
    '-accel', s.accel,
    '-cpu', hardware ? 'host' : 'max',
    '-smp', String(s.cpus),
    '-m', String(s.memoryMb),
    ...(s.firmware ? ['-bios', s.firmware] : []),
    ...(s.kernel ? ['-kernel', s.kernel] : []),
    ...(s.initrd ? ['-initrd', s.initrd] : []),
    ...(s.append ? ['-append', s.append] : []),
    // discard: blocks the guest frees (fstrim) leave the overlay, so a Docker-ready base copied from it stays small.
    '-drive', `file=${s.disk},if=virtio,format=qcow2,discard=unmap`,
    '-netdev', `user,id=net0,hostfwd=tcp:127.0.0.1:${s.sshPort}-:22,hostfwd=tcp:127.0.0.1:${s.enginePort}-:${s.enginePort}`,
    '-device', 'virtio-net-pci,netdev=net0',
    // cloud-init 22.x (Debian 12) takes an http seed only as "nocloud-net"; newer ones accept it too.
    '-smbios', `type=1,serial=ds=nocloud-net;s=${s.seedUrl}`,
    '-qmp', `unix:${s.qmpSocket},server=on,wait=off`,
    '-pidfile', s.pidFile,
    '-serial', `file:${s.consoleLog}`,
    '-display', 'none',
    '-daemonize',
  ];
}

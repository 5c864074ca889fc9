import { describe, expect, it } from 'vitest';
import { hostQemuArch, qemuArgs, qemuBinary, type QemuSpec } from './qemuCommand';

const base: QemuSpec = {
  name: 'vm1', arch: 'x86_64', accel: 'tcg', cpus: 2, memoryMb: 2048, disk: '/m/vm1/disk.qcow2',
  sshPort: 40022, enginePort: 40376, seedUrl: 'http://10.0.2.2:8000/', qmpSocket: '/m/vm1/qmp.sock', pidFile: '/m/vm1/qemu.pid', consoleLog: '/m/vm1/console.log',
};

const flag = (args: string[], name: string): string | undefined => args[args.indexOf(name) + 1];

describe('qemuArgs', () => {
  it('TCG on x86_64: emulated CPU, loopback forwards for SSH and Docker, seed, QMP, pidfile, detached', () => {
    const args = qemuArgs(base);
    expect(args).toEqual([
      '-name', 'berth-vm1',
      '-accel', 'tcg',
      '-cpu', 'max',
      '-smp', '2',
      '-m', '2048',
      '-drive', 'file=/m/vm1/disk.qcow2,if=virtio,format=qcow2,discard=unmap',
      '-netdev', 'user,id=net0,hostfwd=tcp:127.0.0.1:40022-:22,hostfwd=tcp:127.0.0.1:40376-:40376',
      '-device', 'virtio-net-pci,netdev=net0',
      '-smbios', 'type=1,serial=ds=nocloud-net;s=http://10.0.2.2:8000/',
      '-qmp', 'unix:/m/vm1/qmp.sock,server=on,wait=off',
      '-pidfile', '/m/vm1/qemu.pid',
      '-serial', 'file:/m/vm1/console.log',
      '-display', 'none',
      '-daemonize',
    ]);
    expect(qemuBinary('x86_64')).toBe('qemu-system-x86_64');
  });

  it.each([
    ['kvm', 'host'],
    ['hvf', 'host'],
    ['whpx', 'host'],
    ['tcg', 'max'],
  ] as const)('%s uses the %s CPU', (accel, cpu) => {
    const args = qemuArgs({ ...base, accel });
    expect([flag(args, '-accel'), flag(args, '-cpu')]).toEqual([accel, cpu]);
  });

  it('aarch64 uses the virt machine and boots its UEFI firmware', () => {
    const args = qemuArgs({ ...base, arch: 'aarch64', accel: 'hvf', firmware: '/opt/homebrew/share/qemu/edk2-aarch64-code.fd' });
    expect(flag(args, '-machine')).toBe('virt');
    expect(flag(args, '-bios')).toBe('/opt/homebrew/share/qemu/edk2-aarch64-code.fd');
    expect(qemuBinary('aarch64')).toBe('qemu-system-aarch64');
    expect(qemuArgs(base)).not.toContain('-bios');
  });

  it.each([
    ['arm64', 'aarch64'],
    ['x64', 'x86_64'],
  ] as const)("a %s host runs %s guests natively", (nodeArch, arch) => {
    expect(hostQemuArch(nodeArch)).toBe(arch);
  });

  it('boots a kernel directly when the image has no bootloader', () => {
    const args = qemuArgs({ ...base, kernel: '/i/vmlinuz', initrd: '/i/initrd.img', append: 'root=/dev/vda rw console=ttyS0' });
    expect([flag(args, '-kernel'), flag(args, '-initrd'), flag(args, '-append')]).toEqual(['/i/vmlinuz', '/i/initrd.img', 'root=/dev/vda rw console=ttyS0']);
  });
});

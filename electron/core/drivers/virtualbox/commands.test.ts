import { describe, expect, it } from 'vitest';
import { createVmCommands, vbox } from './commands';

// Each command line as the VirtualBox manual's "VBoxManage" chapter spells it (VirtualBox cannot run
// on Berth's build machines: these lines are checked against the manual, not against a VirtualBox).
describe('VBoxManage command lines', () => {
  it.each([
    [vbox.version(), ['--version']],
    [vbox.listVms(), ['list', 'vms']],
    [vbox.listHostOnlyIfs(), ['list', 'hostonlyifs']],
    [vbox.showVmInfo('default'), ['showvminfo', 'default', '--machinereadable']],
    [vbox.start('default'), ['startvm', 'default', '--type', 'headless']],
    [vbox.start('default', 'gui'), ['startvm', 'default', '--type', 'gui']],
    [vbox.start('default', 'nonsense'), ['startvm', 'default', '--type', 'headless']],
    [vbox.acpiPowerButton('default'), ['controlvm', 'default', 'acpipowerbutton']],
    [vbox.powerOff('default'), ['controlvm', 'default', 'poweroff']],
    [vbox.unregisterDelete('default'), ['unregistervm', 'default', '--delete']],
    [vbox.guestPropertyGet('default', '/VirtualBox/GuestInfo/Net/1/V4/IP'), ['guestproperty', 'get', 'default', '/VirtualBox/GuestInfo/Net/1/V4/IP']],
    [vbox.guestPropertyEnumerate('default', '/VirtualBox/GuestInfo/Net/*'), ['guestproperty', 'enumerate', 'default', '--patterns', '/VirtualBox/GuestInfo/Net/*']],
    [vbox.cloneToVdi('/c/debian.qcow2', '/m/vb1/disk.vdi'), ['clonemedium', 'disk', '/c/debian.qcow2', '/m/vb1/disk.vdi', '--format', 'VDI']],
    [vbox.resizeDisk('/m/vb1/disk.vdi', 20000), ['modifymedium', 'disk', '/m/vb1/disk.vdi', '--resize', '20000']],
  ])('%j', (got, want) => expect(got).toEqual(want));

  const spec = { name: 'vb 1', dir: '/s/machines/vb 1', cpus: 2, memoryMb: 2048, disk: '/s/machines/vb 1/disk.vdi', seedIso: '/s/machines/vb 1/seed.iso', sshPort: 40022, enginePort: 40076, consoleLog: '/s/machines/vb 1/console.log', hostOnlyInterface: '' };

  it('makes a VM: register, hardware and NAT forwards for SSH and Docker, SATA with the disk and the seed CD', () => {
    expect(createVmCommands(spec)).toEqual([
      ['createvm', '--name', 'vb 1', '--basefolder', '/s/machines/vb 1', '--ostype', 'Debian_64', '--register'],
      [
        'modifyvm', 'vb 1', '--firmware', 'bios', '--cpus', '2', '--memory', '2048', '--acpi', 'on', '--ioapic', 'on', '--rtcuseutc', 'on',
        '--boot1', 'disk', '--boot2', 'dvd', '--boot3', 'none', '--boot4', 'none',
        '--nic1', 'nat', '--nictype1', 'virtio', '--cableconnected1', 'on', '--natdnshostresolver1', 'on',
        '--natpf1', 'ssh,tcp,127.0.0.1,40022,,22', '--natpf1', 'docker,tcp,127.0.0.1,40076,,40076',
        '--uart1', '0x3F8', '4', '--uartmode1', 'file', '/s/machines/vb 1/console.log',
      ],
      ['storagectl', 'vb 1', '--name', 'SATA', '--add', 'sata', '--controller', 'IntelAhci', '--portcount', '2', '--hostiocache', 'on'],
      ['storageattach', 'vb 1', '--storagectl', 'SATA', '--port', '0', '--device', '0', '--type', 'hdd', '--medium', '/s/machines/vb 1/disk.vdi'],
      ['storageattach', 'vb 1', '--storagectl', 'SATA', '--port', '1', '--device', '0', '--type', 'dvddrive', '--medium', '/s/machines/vb 1/seed.iso'],
    ]);
  });

  it('adds a host-only card when one is chosen', () => {
    const cmds = createVmCommands({ ...spec, hostOnlyInterface: 'vboxnet0' });
    expect(cmds[2]).toEqual(['modifyvm', 'vb 1', '--nic2', 'hostonly', '--nictype2', 'virtio', '--hostonlyadapter2', 'vboxnet0', '--cableconnected2', 'on']);
    expect(cmds).toHaveLength(6);
  });
});

import { describe, expect, it } from 'vitest';
import { ipFromIpAddr, natForwards, parseGuestProperties, parseGuestProperty, parseHostOnlyIfs, parseMachineReadable, parseVboxVersion, parseVmList, stateOfVm, vmNotFound } from './parse';

// The samples below are written from the VirtualBox manual's descriptions and examples of each
// output (VBoxManage showvminfo --machinereadable, list, guestproperty), not captured from a running
// VirtualBox: none can run on Berth's build machines.

const SHOWVMINFO = `name="default"
groups="/"
ostype="Linux 2.6 / 3.x / 4.x (64-bit)"
UUID="2b7f5c8e-3c9d-4a1e-9f0e-1a2b3c4d5e6f"
CfgFile="/Users/dev/.docker/machine/machines/default/default/default.vbox"
memory=1024
cpus=1
VMState="running"
VMStateChangeTime="2024-05-01T10:00:00.000000000"
"SATA-0-0"="/Users/dev/.docker/machine/machines/default/boot2docker.iso"
"SATA-1-0"="/Users/dev/.docker/machine/machines/default/disk.vmdk"
nic1="nat"
nictype1="82540EM"
natnet1="nat"
Forwarding(0)="ssh,tcp,127.0.0.1,50522,,22"
nic2="hostonly"
hostonlyadapter2="vboxnet0"
description="a \\"quoted\\" word"
`;

describe('VBoxManage output', () => {
  it('reads showvminfo --machinereadable: quoted and bare keys and values, numbers, escapes', () => {
    const info = parseMachineReadable(SHOWVMINFO);
    expect(info.get('VMState')).toBe('running');
    expect(info.get('memory')).toBe('1024');
    expect(info.get('SATA-1-0')).toBe('/Users/dev/.docker/machine/machines/default/disk.vmdk');
    expect(info.get('hostonlyadapter2')).toBe('vboxnet0');
    expect(info.get('description')).toBe('a "quoted" word');
    expect(natForwards(info)).toEqual([{ name: 'ssh', proto: 'tcp', hostIp: '127.0.0.1', hostPort: 50522, guestPort: 22 }]);
  });

  it.each([
    ['running', 'Running', null],
    ['paused', 'Paused', null],
    ['saved', 'Saved', null],
    ['poweroff', 'Stopped', null],
    ['aborted', 'Stopped', null],
    ['starting', 'Starting', null],
    ['stopping', 'Stopping', null],
    ['gurumeditation', 'Error', 'VirtualBox reports the VM as "gurumeditation"'],
    [undefined, 'Error', 'VirtualBox did not report the VM state (no VMState line)'],
  ])('VMState %s is %s (docker-machine\'s mapping)', (vmState, state, error) => expect(stateOfVm(vmState)).toEqual({ state, error }));

  it('reads list vms / runningvms', () => {
    expect(parseVmList('"default" {2b7f5c8e-3c9d-4a1e-9f0e-1a2b3c4d5e6f}\n"my vm" {00000000-0000-0000-0000-000000000001}\n')).toEqual([
      { name: 'default', uuid: '2b7f5c8e-3c9d-4a1e-9f0e-1a2b3c4d5e6f' },
      { name: 'my vm', uuid: '00000000-0000-0000-0000-000000000001' },
    ]);
    expect(parseVmList('')).toEqual([]);
  });

  it('reads guestproperty get (a value, or none set)', () => {
    expect(parseGuestProperty('Value: 192.168.99.100\n')).toBe('192.168.99.100');
    expect(parseGuestProperty('No value set!\n')).toBeNull();
  });

  it('reads guestproperty enumerate in the 6.1 and the 7.0 formats', () => {
    const v6 = 'Name: /VirtualBox/GuestInfo/Net/1/V4/IP, value: 192.168.99.100, timestamp: 1714557600000000000, flags: \nName: /VirtualBox/GuestInfo/Net/Count, value: 2, timestamp: 1714557600000000000, flags: ';
    const v7 = "/VirtualBox/GuestInfo/Net/1/V4/IP = '192.168.99.100' @ 2024-05-01T10:00:00.000000000Z\n/VirtualBox/GuestInfo/Net/Count = '2' @ 2024-05-01T10:00:00.000000000Z";
    for (const text of [v6, v7]) {
      const props = parseGuestProperties(text);
      expect(props.get('/VirtualBox/GuestInfo/Net/1/V4/IP')).toBe('192.168.99.100');
      expect(props.get('/VirtualBox/GuestInfo/Net/Count')).toBe('2');
    }
  });

  it('reads list hostonlyifs blocks', () => {
    const text = 'Name:            vboxnet0\nGUID:            786f6276-656e-4074-8000-0a0027000000\nDHCP:            Disabled\nIPAddress:       192.168.56.1\nNetworkMask:     255.255.255.0\n\nName:            vboxnet1\nIPAddress:       192.168.99.1\nNetworkMask:     255.255.255.0\n';
    expect(parseHostOnlyIfs(text)).toEqual([
      { name: 'vboxnet0', ip: '192.168.56.1', mask: '255.255.255.0' },
      { name: 'vboxnet1', ip: '192.168.99.1', mask: '255.255.255.0' },
    ]);
  });

  it.each([
    ['7.0.14r161095', [7, 0, 14]],
    ['6.1.50_Ubuntur161033', [6, 1, 50]],
    ['5.2.44r139111\n', [5, 2, 44]],
    ['WARNING: The vboxdrv kernel module is not loaded.', null],
  ])('version %j', (text, v) => expect(parseVboxVersion(text)).toEqual(v));

  it('knows its words for a VM it does not have, and finds eth1\'s address as docker-machine does', () => {
    expect(vmNotFound("VBoxManage: error: Could not find a registered machine named 'default'\nVBoxManage: error: Details: code VBOX_E_OBJECT_NOT_FOUND")).toBe(true);
    expect(vmNotFound('VBoxManage: error: The machine is locked')).toBe(false);
    expect(ipFromIpAddr('4: eth1: <BROADCAST,MULTICAST,UP> mtu 1500\n    link/ether 08:00:27:aa:bb:cc brd ff:ff:ff:ff:ff:ff\n    inet 192.168.99.101/24 brd 192.168.99.255 scope global eth1\n')).toBe('192.168.99.101');
    expect(ipFromIpAddr('Device "eth1" does not exist.')).toBeNull();
  });
});

/**
 * Every VBoxManage command line the driver runs, as argument lists (never a shell string), from the
 * VirtualBox manual's "VBoxManage" chapter. Pure, so each one is checked by a table test without
 * VirtualBox installed (it cannot run on Berth's build machines).
 */

export const VBOX_STORAGE_CONTROLLER = 'SATA';

export const vbox = {
  version: (): string[] => ['--version'],
  listVms: (): string[] => ['list', 'vms'],
  listRunningVms: (): string[] => ['list', 'runningvms'],
  listHostOnlyIfs: (): string[] => ['list', 'hostonlyifs'],
  showVmInfo: (vm: string): string[] => ['showvminfo', vm, '--machinereadable'],
  /** `uiType` is docker-machine's UIType: headless unless the record says gui or separate. */
  start: (vm: string, uiType = 'headless'): string[] => ['startvm', vm, '--type', ['gui', 'sdl', 'separate', 'headless'].includes(uiType) ? uiType : 'headless'],
  /** The ACPI power button: the guest shuts down cleanly (docker-machine's Stop). */
  acpiPowerButton: (vm: string): string[] => ['controlvm', vm, 'acpipowerbutton'],
  /** Pulling the plug (docker-machine's Kill, and Stop's fallback after a timeout). */
  powerOff: (vm: string): string[] => ['controlvm', vm, 'poweroff'],
  /** The VM and every disk attached to it are deleted (docker-machine's Remove). */
  unregisterDelete: (vm: string): string[] => ['unregistervm', vm, '--delete'],
  guestPropertyGet: (vm: string, property: string): string[] => ['guestproperty', 'get', vm, property],
  guestPropertyEnumerate: (vm: string, pattern: string): string[] => ['guestproperty', 'enumerate', vm, '--patterns', pattern],
  /** A cloud image (qcow2, vmdk, vdi, raw) copied into a VDI VirtualBox boots; VirtualBox reads qcow2 itself. */
  cloneToVdi: (image: string, vdi: string): string[] => ['clonemedium', 'disk', image, vdi, '--format', 'VDI'],
  resizeDisk: (vdi: string, sizeMb: number): string[] => ['modifymedium', 'disk', vdi, '--resize', String(sizeMb)],
};

export interface NewVmSpec {
  name: string;
  /** The machine's directory: VirtualBox keeps the VM's own files in `<dir>/<name>/`. */
  dir: string;
  cpus: number;
  memoryMb: number;
  disk: string;
  seedIso: string;
  sshPort: number;
  enginePort: number;
  consoleLog: string;
  /** A host-only interface for a second card ('' none). */
  hostOnlyInterface: string;
}

/** The command lines that make and register a new VM around its disk and seed, in order. */
export function createVmCommands(s: NewVmSpec): string[][] {
  const cmds: string[][] = [
    ['createvm', '--name', s.name, '--basefolder', s.dir, '--ostype', 'Debian_64', '--register'],
    [
      'modifyvm', s.name,
      '--firmware', 'bios',
      '--cpus', String(s.cpus),
      '--memory', String(s.memoryMb),
      '--acpi', 'on',
      '--ioapic', 'on',
      '--rtcuseutc', 'on',
      '--boot1', 'disk', '--boot2', 'dvd', '--boot3', 'none', '--boot4', 'none',
      // NAT with loopback forwards, as a QEMU VM has: SSH, and Docker's TLS port at the same number in the guest.
      '--nic1', 'nat', '--nictype1', 'virtio', '--cableconnected1', 'on', '--natdnshostresolver1', 'on',
      '--natpf1', `ssh,tcp,127.0.0.1,${s.sshPort},,22`,
      '--natpf1', `docker,tcp,127.0.0.1,${s.enginePort},,${s.enginePort}`,
      // The serial console to a file in the machine's directory: the Logs tab shows it.
      '--uart1', '0x3F8', '4', '--uartmode1', 'file', s.consoleLog,
    ],
  ];
  if (s.hostOnlyInterface) cmds.push(['modifyvm', s.name, '--nic2', 'hostonly', '--nictype2', 'virtio', '--hostonlyadapter2', s.hostOnlyInterface, '--cableconnected2', 'on']);
  cmds.push(
    ['storagectl', s.name, '--name', VBOX_STORAGE_CONTROLLER, '--add', 'sata', '--controller', 'IntelAhci', '--portcount', '2', '--hostiocache', 'on'],
    ['storageattach', s.name, '--storagectl', VBOX_STORAGE_CONTROLLER, '--port', '0', '--device', '0', '--type', 'hdd', '--medium', s.disk],
    // cloud-init's NoCloud seed, found by its volume label cidata.
    ['storageattach', s.name, '--storagectl', VBOX_STORAGE_CONTROLLER, '--port', '1', '--device', '0', '--type', 'dvddrive', '--medium', s.seedIso],
  );
  return cmds;
}

import type { MachineRecord } from '../store/machineStore';
import { QEMU_SSH_HOST } from './qemu/record';
import { recordedIp } from './recordFields';
import { VIRTUALBOX_DRIVER, VIRTUALBOX_SSH_HOST } from './virtualbox/record';

/**
 * What a driver's record says of where its SSH answers, for the SSH layer. Kept apart from
 * registry.ts on purpose: it imports only the drivers' record codecs (which import no SSH or
 * lifecycle code), so ssh/ can ask it without an import cycle through the drivers' lifecycles.
 */
const SSH_HOSTS: ReadonlyMap<string, string> = new Map([
  ['qemu', QEMU_SSH_HOST],
  [VIRTUALBOX_DRIVER, VIRTUALBOX_SSH_HOST],
]);

/** The machine's SSH host: a VM's loopback forward, else its recorded IP (docker-machine's GetSSHHostname). */
export function sshHostOf(record: MachineRecord): string {
  return SSH_HOSTS.get(record.config.DriverName) ?? recordedIp(record) ?? '';
}

import type { Capabilities, LifecycleAction } from '../../../shared/types';
import { driverFor } from '../drivers/registry';
import { BerthError } from '../errors';
import { readBerthMachine } from '../store/berthMachineFile';
import type { MachineRecord } from '../store/machineStore';
import type { MachineService } from './machineService';

const VERB: Record<LifecycleAction, string> = {
  start: 'start',
  stop: 'stop',
  restart: 'restart',
  kill: 'kill',
  provision: 'provision',
  regenerateCerts: 'regenerate the certificates of',
  upgrade: 'upgrade Docker on',
  ssh: 'open SSH to',
};

/**
 * What can be done to this machine: its driver's capabilities, less what its own make-up rules out —
 * an adopted Engine is never changed, and a machine imported without its CA key cannot get a new
 * server certificate (provisioning installs the CA and may sign one).
 */
export async function machineCapabilities(record: MachineRecord): Promise<Capabilities> {
  const driver = driverFor(record.config.DriverName);
  const caps = { ...driver.capabilities, ...driver.recordCapabilities?.(record) };
  const adopted = (await readBerthMachine(record).catch(() => ({ engineInstall: undefined }))).engineInstall?.kind === 'adopt';
  if (adopted) {
    const why = 'its Docker Engine and certificates were adopted as they are; Berth does not change them';
    caps.regenerateCerts ??= why;
    caps.upgrade ??= why;
  } else if (record.config.HostOptions.AuthOptions?.CaPrivateKeyPath === '') {
    const why = 'its CA key is not in this store (it was imported without it), so Berth cannot sign a server certificate for it; import it again from a bundle made with --with-ca-key';
    caps.provision ??= why;
    caps.regenerateCerts ??= why;
    caps.upgrade ??= why;
  }
  return caps;
}

/** The machine's record, if it can do `action`; otherwise a clear UNSUPPORTED error with the reason. */
export async function capable(machines: MachineService, name: string, action: LifecycleAction): Promise<MachineRecord> {
  const record = await machines.store.load(name);
  const reason = (await machineCapabilities(record))[action];
  if (reason !== null) throw new BerthError('UNSUPPORTED', `Cannot ${VERB[action]} "${name}": ${reason}`);
  return record;
}

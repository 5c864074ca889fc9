import { rm } from 'node:fs/promises';
import { driverFor } from '../drivers/registry';
import { BerthError } from '../errors';
import { disableRemoteTls } from '../provision/disableRemoteTls';
import { readSettings } from '../settings/appSettings';
import { connectMachine } from '../ssh/machineSsh';
import { readBerthMachine } from '../store/berthMachineFile';
import { removeMachineContext } from './machineContexts';
import { unmountAll } from './machineMounts';
import type { MachineService } from './machineService';

export interface RemoveOptions {
  /** Also take Berth's TLS listener off the host before the record goes (a generic host stays). */
  disableRemoteTls?: boolean;
  sudoPassword?: string;
  /** Leave the machine's docker context (removed by default). */
  keepContext?: boolean;
  /** docker-machine's `rm -f`: the local record goes even when the driver cannot delete what it runs (said in the result). */
  force?: boolean;
}

/** Removes the local record (a generic host is not ours to delete), optionally undoing Berth's Docker set-up there first. */
export async function removeMachine(machines: MachineService, name: string, opts: RemoveOptions = {}): Promise<string | null> {
  const record = await machines.store.load(name).catch(async (err: unknown) => {
    // A machine whose config.json is broken can still be removed.
    if (err instanceof BerthError && err.code === 'CORRUPT_CONFIG') return null;
    throw err;
  });
  let remote: string | null = null;
  if (record) {
    try {
      await driverFor(record.config.DriverName).beforeRemove?.(record);
    } catch (err) {
      const why = (err as Error).message;
      if (!opts.force) throw new BerthError(err instanceof BerthError ? err.code : 'INTERNAL', `Machine "${name}": nothing was removed: ${why} (rm -f, or "Remove the record only" in the app, removes the local record alone)`);
      remote = `Only the local record was removed: ${why}`;
    }
  }
  if (opts.disableRemoteTls && record && (await readBerthMachine(record)).engineInstall?.kind === 'adopt') {
    throw new BerthError('UNSUPPORTED', `Machine "${name}": nothing was removed: Berth did not set up Docker's TLS there (its Engine was adopted as it runs), so there is nothing to undo on the host`);
  }
  if (opts.disableRemoteTls && record) {
    const ssh = await connectMachine(record);
    try {
      remote = await disableRemoteTls(ssh, opts.sudoPassword);
    } catch (err) {
      throw new BerthError(err instanceof BerthError ? err.code : 'PROVISION_FAILED', `Machine "${name}": nothing was removed: ${(err as Error).message}`);
    } finally {
      ssh.close();
    }
  }
  // Its sshfs mounts first: a mount of a host Berth no longer knows would hang whoever opens it.
  if (record) await unmountAll(record);
  await rm(record?.dir ?? machines.store.machineDir(name), { recursive: true, force: true });
  // A context to a machine that is gone would only fail; one Berth did not make is left alone.
  if (!opts.keepContext) await removeMachineContext(machines, name).catch(() => false);
  if ((await readSettings(machines.storePath)).chosenActive === name) await machines.setChosenActive(null);
  return remote;
}

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { machineNameProblem } from '../../../shared/machineName';
import { BerthError, machineTaken } from '../errors';
import { pathExists } from '../util/pathExists';
import type { EngineInstallChoice } from '../../../shared/types';
import { driverFor } from '../drivers/registry';
import { freeLoopbackPorts } from '../net/freePort';
import { clearProvisionStatus } from '../provision/provisionStatus';
import { writeFileAtomic } from '../store/atomicWrite';
import { updateBerthMachine } from '../store/berthMachineFile';
import type { MachineRecord } from '../store/machineStore';
import { copyClientCertsToMachine, ensureStoreCerts, type StoreCerts } from '../tls/certs';
import type { MachineService } from './machineService';

/**
 * What every driver's create does around its own record: a key for the machine, the store's
 * certificates beside it, and the record saved before anything slow, so a create that fails or is
 * cancelled half way is listed (Error row), retryable and removable.
 */

/** A new machine's directory, made private; an invalid name or one already taken is refused. */
export async function newMachineDir(machines: MachineService, name: string): Promise<string> {
  const problem = machineNameProblem(name);
  if (problem) throw new BerthError('INVALID_NAME', problem);
  const dir = machines.store.machineDir(name);
  if (await pathExists(dir)) throw new BerthError('INVALID_NAME', machineTaken(name));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** A key Berth makes for a new machine: ed25519, the private half 0600 in the machine's directory. */
export async function newMachineKey(dir: string, name: string): Promise<{ path: string; publicKey: string }> {
  // ssh2 loaded here: the browser host and `berth env` need no key maker to start.
  const { utils } = (await import('ssh2')).default;
  const pair = utils.generateKeyPairSync('ed25519', { comment: `berth-${name}` });
  const path = join(dir, 'id_ed25519');
  await writeFileAtomic(path, pair.private, 0o600);
  await writeFileAtomic(`${path}.pub`, `${pair.public}\n`, 0o644);
  return { path, publicKey: pair.public };
}

/** The store's CA and client certificate (made once per store), copied into the machine's directory as DOCKER_CERT_PATH wants. */
export async function storeCertsFor(machines: MachineService, dir: string): Promise<StoreCerts> {
  const { paths } = await ensureStoreCerts(machines.storePath, machines.certFiles);
  await copyClientCertsToMachine(paths, dir);
  return paths;
}

/** Saves a new machine's record and Berth's own choices beside it, with no outcome yet. */
export async function saveNewMachine(machines: MachineService, record: MachineRecord, own: { engineInstall: EngineInstallChoice; setHostname?: boolean }): Promise<void> {
  await updateBerthMachine(record, own);
  await machines.store.save(record);
  await clearProvisionStatus(record.dir);
}

/** Loopback ports free now and forwarded by no machine of the store (a stopped VM gets its ports back when it starts). */
export async function newLoopbackPorts(machines: MachineService, count: number): Promise<number[]> {
  const taken = new Set<number>();
  for (const entry of await machines.store.list()) {
    if (entry.kind === 'ok') for (const port of driverFor(entry.machine.config.DriverName).loopbackPorts?.(entry.machine) ?? []) taken.add(port);
  }
  return freeLoopbackPorts(count, taken);
}

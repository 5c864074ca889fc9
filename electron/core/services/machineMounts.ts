import { resolve } from 'node:path';
import type { MachineMount } from '../../../shared/types';
import { BerthError } from '../errors';
import { mountedNow, sshfsMount, sshfsUnmount } from '../files/sshfsMount';
import { knownHostsPath } from '../ssh/hostKeys';
import { connectMachine, machineSshTarget } from '../ssh/machineSsh';
import { readBerthMachine, updateBerthMachine } from '../store/berthMachineFile';
import type { MachineRecord } from '../store/machineStore';
import { capable } from './capable';
import type { MachineService } from './machineService';

/**
 * docker-machine's `mount`: a machine's folder on this computer through sshfs, with the machine's
 * key and pinned host key. Berth remembers each mount (berth-machine.json) so the machine's page
 * lists it and removing the machine unmounts it.
 */
export async function mountFolder(machines: MachineService, name: string, remote: string, local: string, opts: { acceptHostKey?: string } = {}): Promise<void> {
  const record = await capable(machines, name, 'ssh');
  // Berth's own connection first: it pins (or refuses) the host key and proves the key is taken,
  // so sshfs fails only for reasons of its own.
  (await connectMachine(record, { acceptHostKey: opts.acceptHostKey })).close();
  const at = resolve(local);
  if ((await mountedNow([at])).has(at)) throw new BerthError('BUSY', `${at} is already a mounted folder`);
  await sshfsMount(machineSshTarget(record), knownHostsPath(machines.storePath), remote, at);
  const kept = (await readBerthMachine(record)).mounts ?? [];
  await updateBerthMachine(record, { mounts: [...kept.filter((m) => m.local !== at), { remote, local: at }] });
}

/** `mount -u`: unmounts the folder and forgets it (a folder no longer mounted is only forgotten). */
export async function unmountFolder(machines: MachineService, name: string, local: string): Promise<void> {
  const record = await machines.store.load(name);
  const at = resolve(local);
  const kept = (await readBerthMachine(record)).mounts ?? [];
  if ((await mountedNow([at])).has(at)) await sshfsUnmount(at);
  else if (!kept.some((m) => m.local === at)) throw new BerthError('NOT_FOUND', `${at} is not a folder mounted from ${name}`);
  await updateBerthMachine(record, { mounts: kept.filter((m) => m.local !== at) });
}

/** The machine's remembered mounts and whether each is mounted now. */
export async function machineMounts(record: MachineRecord): Promise<MachineMount[]> {
  const kept = (await readBerthMachine(record).catch(() => ({ mounts: [] }))).mounts ?? [];
  const live = await mountedNow(kept.map((m) => m.local));
  return kept.map((m) => ({ ...m, mounted: live.has(m.local) }));
}

/** Before a machine goes: its mounted folders are unmounted (a mount of a removed host would hang). Returns what was unmounted. */
export async function unmountAll(record: MachineRecord): Promise<string[]> {
  const done: string[] = [];
  for (const m of await machineMounts(record)) {
    if (!m.mounted) continue;
    await sshfsUnmount(m.local);
    done.push(m.local);
  }
  return done;
}

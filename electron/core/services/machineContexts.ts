import type { MachineContext } from '../../../shared/types';
import { contextState, removeContext, useContext, writeContext } from '../contexts/dockerContexts';
import { clientTlsFiles } from '../store/machineTls';
import type { MachineService } from './machineService';

/** Creates or updates the machine's docker context (named after it), and makes it current if asked. */
export async function setMachineContext(machines: MachineService, name: string, opts: { use?: boolean } = {}): Promise<MachineContext> {
  const record = await machines.record(name);
  await writeContext(name, machines.requireUrl(record), clientTlsFiles(record), machines.dockerConfig);
  if (opts.use) await useContext(name, machines.dockerConfig);
  return machineContext(machines, name);
}

export async function machineContext(machines: MachineService, name: string): Promise<MachineContext> {
  const state = await contextState(name, machines.dockerConfig);
  const url = await machines.url(name).catch(() => null);
  return { ...state, stale: state.exists && state.ours && state.host !== url };
}

/** Removes the machine's context if Berth made it; false when there was none. */
export function removeMachineContext(machines: MachineService, name: string): Promise<boolean> {
  return removeContext(name, machines.dockerConfig);
}

/**
 * After an action that may have changed what the context holds (an address, certificates), a
 * context Berth made is written again; a machine without one gets none.
 */
export async function refreshMachineContext(machines: MachineService, name: string): Promise<void> {
  const state = await contextState(name, machines.dockerConfig);
  if (state.exists && state.ours) await setMachineContext(machines, name);
}

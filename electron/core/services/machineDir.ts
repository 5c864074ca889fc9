import { mkdir } from 'node:fs/promises';
import { machineNameProblem } from '../../../shared/machineName';
import { BerthError, machineTaken } from '../errors';
import { pathExists } from '../util/pathExists';
import type { MachineService } from './machineService';

/** A new machine's directory, made private; an invalid name or one already taken is refused. */
export async function newMachineDir(machines: MachineService, name: string): Promise<string> {
  const problem = machineNameProblem(name);
  if (problem) throw new BerthError('INVALID_NAME', problem);
  const dir = machines.store.machineDir(name);
  if (await pathExists(dir)) throw new BerthError('INVALID_NAME', machineTaken(name));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}


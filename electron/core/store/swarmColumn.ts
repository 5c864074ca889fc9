import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Berth's own per-machine settings file (validated by berthMachineFile.ts; read here without zod, for `ls`). */
export const BERTH_MACHINE_FILE = 'berth-machine.json';

/**
 * The SWARM column for a swarm-mode member: `swarm-a (manager)` from what Berth's swarm actions
 * recorded; '' when the machine is in none (or the file is unreadable: the column is not the place
 * to report that, provisioning is).
 */
export async function swarmColumn(dir: string): Promise<string> {
  const text = await readFile(join(dir, BERTH_MACHINE_FILE), 'utf8').catch(() => null);
  if (text === null) return '';
  try {
    const swarm = (JSON.parse(text) as { swarm?: { name?: unknown; role?: unknown } }).swarm;
    return typeof swarm?.name === 'string' && typeof swarm.role === 'string' ? `${swarm.name} (${swarm.role})` : '';
  } catch {
    return '';
  }
}

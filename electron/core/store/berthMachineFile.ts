import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { engineChoice } from '../../../shared/requests';
import { BerthError } from '../errors';
import { writeFileAtomic } from './atomicWrite';
import type { MachineRecord } from './machineStore';
import { withStoreLock } from './storeLock';
import { BERTH_MACHINE_FILE } from './swarmColumn';

export { BERTH_MACHINE_FILE };

/**
 * Berth's own settings for a machine, in a file of its own beside config.json: docker-machine's
 * `ip`, `provision` and `regenerate-certs` rewrite config.json from its own struct and drop every
 * field it does not know, so nothing of Berth's may live there.
 */

const berthMachine = z
  .object({
    /** How to install the Engine when the machine is provisioned again. */
    engineInstall: engineChoice.optional(),
    /** False: provisioning leaves the host's name alone (`create --no-hostname`). */
    setHostname: z.boolean().optional(),
    /** The swarm (named after the machine it was initialised on) and role Berth's swarm actions gave it. */
    swarm: z.object({ name: z.string().min(1).max(253), role: z.enum(['manager', 'worker']) }).optional(),
    /** Folders `berth mount` mounted from the machine (sshfs), so its page lists them and Remove unmounts them. */
    mounts: z.array(z.object({ remote: z.string().min(1).max(4096), local: z.string().min(1).max(4096) })).max(100).optional(),
  })
  .strip();
export type BerthMachineData = z.infer<typeof berthMachine>;

/** Where records made before this file kept the same settings (in config.json's Driver). */
function legacyFields(record: MachineRecord): BerthMachineData {
  const d = record.config.Driver;
  const parsed = berthMachine.safeParse({ engineInstall: d.BerthEngineInstall, setHostname: d.BerthSetHostname });
  return parsed.success ? parsed.data : {};
}

/** The machine's Berth settings: the file, else what an older Berth wrote into config.json; neither: {}. */
export async function readBerthMachine(record: MachineRecord): Promise<BerthMachineData> {
  const file = join(record.dir, BERTH_MACHINE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return legacyFields(record);
    throw new BerthError('CORRUPT_CONFIG', `Machine "${record.name}": ${BERTH_MACHINE_FILE} is unreadable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BerthError('CORRUPT_CONFIG', `Machine "${record.name}": ${BERTH_MACHINE_FILE} is not valid JSON`);
  }
  const parsed = berthMachine.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BerthError('CORRUPT_CONFIG', `Machine "${record.name}": ${BERTH_MACHINE_FILE}: ${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Changes some settings, keeping the rest (and migrating what an older Berth kept in config.json). */
export async function updateBerthMachine(record: MachineRecord, patch: BerthMachineData): Promise<void> {
  const file = join(record.dir, BERTH_MACHINE_FILE);
  await withStoreLock(file, async () => {
    const next = { ...(await readBerthMachine(record)), ...patch };
    await writeFileAtomic(file, `${JSON.stringify(next, null, 4)}\n`, 0o600);
  });
}

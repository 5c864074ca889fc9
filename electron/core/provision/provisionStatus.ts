import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomicWrite';

/** The outcome of the last create/provision, kept in the machine directory (docker-machine ignores it). */
export interface ProvisionStatus {
  ok: boolean;
  /** The step that failed, and why (with the remote stderr tail). */
  error?: string;
  /** The end of the provisioning log, to show with the error. */
  logTail: string;
  at: string;
}

const file = (machineDir: string): string => join(machineDir, 'berth-provision.json');

export async function readProvisionStatus(machineDir: string): Promise<ProvisionStatus | null> {
  try {
    return JSON.parse(await readFile(file(machineDir), 'utf8')) as ProvisionStatus;
  } catch {
    return null;
  }
}

export async function writeProvisionStatus(machineDir: string, status: ProvisionStatus): Promise<void> {
  await writeFileAtomic(file(machineDir), JSON.stringify(status, null, 2) + '\n', 0o600);
}

export async function clearProvisionStatus(machineDir: string): Promise<void> {
  await rm(file(machineDir), { force: true });
}

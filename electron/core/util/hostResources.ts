import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { HostResources } from '../../../shared/types';

/** What a new VM may take of this computer: CPUs, memory, and the free space where the store is (or would be). */
export async function hostResources(storePath: string): Promise<HostResources> {
  let dir = storePath;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const fs = await statfs(dir);
  return { cpus: cpus().length, memoryMb: Math.floor(totalmem() / 1024 / 1024), freeDiskMb: Math.floor((fs.bavail * fs.bsize) / 1024 / 1024) };
}

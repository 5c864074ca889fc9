import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './docker';

/** Where a run keeps its key: one directory per run, or the humans' directory for `npm run hosts`. */
export function runDir(runId: string): string {
  return join(process.env.BERTH_TEST_HOSTS_DIR ?? join(tmpdir(), 'berth-test-hosts'), runId);
}

export interface TestKey {
  privateKeyPath: string;
  publicKey: string;
}

/** The run's ed25519 key pair, made once per run directory. */
export async function ensureRunKey(dir: string): Promise<TestKey> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const privateKeyPath = join(dir, 'id_ed25519');
  if (!existsSync(privateKeyPath)) {
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'berth-test-run', '-f', privateKeyPath]);
  }
  return { privateKeyPath, publicKey: (await readFile(`${privateKeyPath}.pub`, 'utf8')).trim() };
}

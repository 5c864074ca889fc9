import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BERTH_BIN = fileURLToPath(new URL('../../bin/berth.cjs', import.meta.url));

export interface BerthRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `berth ARGS` as a script runs it: a child process with only PATH and HOME (plus `env`), stdin
 * given or closed, no terminal. Never rejects: the exit code is part of what tests check.
 */
export function runBerth(args: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: string; timeoutMs?: number } = {}): Promise<BerthRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BERTH_BIN, ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...opts.env }, timeout: opts.timeoutMs ?? 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(opts.stdin ?? '');
  });
}

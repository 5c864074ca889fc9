import { spawn } from 'node:child_process';
import { BerthError } from '../errors';
import type { SshSession, SshTarget } from '../ssh/sshSession';
import { shellQuote } from '../util/shellQuote';
import { opensshOptions, sshDestination } from './opensshOptions';

/** rsync's own quoting for the words of `-e`: single quotes, a quote inside doubled (no backslashes). */
export function rsyncWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "''")}'`;
}

export interface RsyncPlan {
  /** The machine's end: `src` or `dst` is remote. */
  remote: 'src' | 'dst';
  src: string;
  dst: string;
  recursive: boolean;
  quiet: boolean;
}

/**
 * `scp -d` as docker-machine ran it (rsync over ssh, `--progress` unless quiet, `-r` when asked),
 * plus `--times --perms` so a second run sends only what changed, and `--protect-args` so names
 * with spaces reach the remote rsync unsplit by its shell.
 */
export function rsyncArgs(plan: RsyncPlan, target: SshTarget, knownHostsFile: string): string[] {
  const ssh = ['ssh', ...opensshOptions(target, knownHostsFile).flatMap((o) => ['-o', o])].map(rsyncWord).join(' ');
  const remote = (p: string): string => `${sshDestination(target)}:${p}`;
  return [
    '--protect-args',
    '--times',
    '--perms',
    ...(plan.quiet ? [] : ['--progress']),
    '-e',
    ssh,
    ...(plan.recursive ? ['-r'] : []),
    plan.remote === 'src' ? remote(plan.src) : plan.src,
    plan.remote === 'dst' ? remote(plan.dst) : plan.dst,
  ];
}

/** Runs rsync when both ends have it; says which end lacks it otherwise. */
export async function runRsync(plan: RsyncPlan, machine: string, ssh: SshSession, knownHostsFile: string, rsyncPath = 'rsync'): Promise<number> {
  const remote = await ssh.exec('command -v rsync');
  if (remote.code !== 0) {
    throw new BerthError('UNSUPPORTED', `rsync is not installed on ${machine}: install it there (e.g. berth ssh ${shellQuote(machine)} sudo apt-get install -y rsync) or copy without -d`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(rsyncPath, rsyncArgs(plan, ssh.target, knownHostsFile), { stdio: ['ignore', plan.quiet ? 'ignore' : 'inherit', 'inherit'] });
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new BerthError('UNSUPPORTED', 'You must have a copy of the rsync binary locally to use the --delta option (Debian/Ubuntu: sudo apt-get install rsync; macOS: brew install rsync)')
          : err,
      ),
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
}

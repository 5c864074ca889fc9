import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { BerthError } from '../errors';
import type { SshTarget } from '../ssh/sshSession';
import { opensshOptions, sshDestination } from './opensshOptions';

const run = promisify(execFile);

/** Where to get sshfs, by operating system (docker-machine only said that it was missing). */
export function sshfsInstallHint(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'install macFUSE and SSHFS (https://osxfuse.github.io), or: brew install --cask macfuse && brew install gromgit/fuse/sshfs-mac';
  if (platform === 'win32') return 'mounting is not supported on Windows; SSHFS-Win (with WinFsp) offers the same through Explorer';
  return 'install it (Debian/Ubuntu: sudo apt-get install sshfs; Fedora: sudo dnf install fuse-sshfs; Arch: sudo pacman -S sshfs)';
}

/** sshfs's arguments: the machine's key, port and pinned host key, as `berth ssh` uses them. */
export function sshfsArgs(target: SshTarget, knownHostsFile: string, remote: string, local: string): string[] {
  return [`${sshDestination(target)}:${remote}`, local, ...opensshOptions(target, knownHostsFile).flatMap((o) => ['-o', o])];
}

/** The unmount command of this system: FUSE's fusermount on Linux, umount elsewhere. */
export function unmountCommand(platform: NodeJS.Platform, local: string, fusermount = 'fusermount3'): [string, string[]] {
  return platform === 'linux' ? [fusermount, ['-u', local]] : ['umount', [local]];
}

/** Mount points of sshfs in /proc/self/mounts (Linux; octal escapes such as \040 for spaces undone). */
export function sshfsMountPoints(procMounts: string): string[] {
  const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  return procMounts
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f.length >= 3 && f[2] === 'fuse.sshfs')
    .map((f) => unescape(f[1]!));
}

/** macOS's `mount` lines: `user@host:/path on /local/dir (macfuse, …)`. */
export function macSshfsMountPoints(mountOutput: string): string[] {
  return mountOutput
    .split('\n')
    .map((l) => /^\S+@\S+:.* on (.+) \((?:osxfuse|macfuse|fuse-t)[^)]*\)$/.exec(l)?.[1])
    .filter((p): p is string => p !== undefined);
}

/** Which of these local folders are sshfs mounts now. */
export async function mountedNow(locals: string[], platform: NodeJS.Platform = process.platform): Promise<Set<string>> {
  let points: string[] = [];
  if (platform === 'linux') points = sshfsMountPoints(await readFile('/proc/self/mounts', 'utf8').catch(() => ''));
  else if (platform === 'darwin') points = macSshfsMountPoints(await run('mount').then((r) => r.stdout, () => ''));
  const set = new Set(points);
  return new Set(locals.filter((l) => set.has(resolve(l))));
}

function toolError(err: NodeJS.ErrnoException & { stderr?: string }, tool: string, platform: NodeJS.Platform): BerthError {
  if (err.code === 'ENOENT') return new BerthError('UNSUPPORTED', `You must have a copy of the ${tool} binary locally to use the mount feature: ${sshfsInstallHint(platform)}`);
  const said = (err.stderr ?? '').trim().split('\n').filter(Boolean).pop();
  return new BerthError('INTERNAL', `${tool} failed: ${said ?? err.message}`);
}

export async function sshfsMount(target: SshTarget, knownHostsFile: string, remote: string, local: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  await run('sshfs', sshfsArgs(target, knownHostsFile, remote, resolve(local)), { timeout: 60_000 }).catch((err) => Promise.reject(toolError(err, 'sshfs', platform)));
}

export async function sshfsUnmount(local: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  const [cmd, args] = unmountCommand(platform, resolve(local));
  await run(cmd, args, { timeout: 30_000 }).catch(async (err: NodeJS.ErrnoException) => {
    // Older Linux systems ship FUSE 2's fusermount only.
    if (err.code === 'ENOENT' && cmd === 'fusermount3') return run('fusermount', ['-u', resolve(local)]).catch((e) => Promise.reject(toolError(e, 'fusermount', platform)));
    throw toolError(err, cmd, platform);
  });
}

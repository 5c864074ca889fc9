import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a command; rejects with its stderr tail so a failing fixture says why. */
export function run(cmd: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: opts.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const tail = String(stderr).trim().split('\n').slice(-15).join('\n');
        reject(new Error(`${cmd} ${args.slice(0, 3).join(' ')}… failed: ${err.message.split('\n')[0]}\n${tail}`));
      } else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

export const docker = (args: string[], opts?: { input?: string; timeoutMs?: number }): Promise<RunResult> => run('docker', args, opts);

async function daemonAnswers(): Promise<boolean> {
  try {
    await docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Leaves a running daemon alone; otherwise starts Debian's dockerd (as root) and waits for it. */
export async function ensureDockerDaemon(timeoutMs = 60_000): Promise<void> {
  if (await daemonAnswers()) return;
  const dockerd = ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find((p) => existsSync(p));
  if (!dockerd) throw new Error('dockerd is not installed (apt-get install docker.io apparmor)');
  const child = spawn(dockerd, [], { detached: true, stdio: 'ignore' });
  child.unref();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await daemonAnswers()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`dockerd did not answer within ${timeoutMs / 1000} s`);
}

/** Why hosts cannot be made on this machine, or null when they can. */
export function hostPrerequisiteProblem(): string | null {
  if (process.platform !== 'linux') return `test hosts need Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'test hosts need root (debootstrap, dockerd)';
  if (!existsSync('/usr/sbin/debootstrap')) return 'debootstrap is not installed (apt-get install debootstrap)';
  return null;
}

import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { join, win32 } from 'node:path';
import { BerthError } from '../../errors';
import { onPath } from '../../util/onPath';
import { parseVboxVersion } from './parse';

/** VirtualBox 5.0 is the oldest whose VBoxManage has every command line in commands.ts. */
const OLDEST: [number, number] = [5, 0];

/** Where VirtualBox's installers put VBoxManage when it is not on PATH (the manual's installation chapter). */
export function vboxManageCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const dirs = [env.VBOX_MSI_INSTALL_PATH, env.VBOX_INSTALL_PATH, env.ProgramFiles && win32.join(env.ProgramFiles, 'Oracle', 'VirtualBox'), 'C:\\Program Files\\Oracle\\VirtualBox'];
    return [...new Set(dirs.filter((d): d is string => Boolean(d)).map((d) => win32.join(d, 'VBoxManage.exe')))];
  }
  if (platform === 'darwin') return ['/Applications/VirtualBox.app/Contents/MacOS/VBoxManage', '/usr/local/bin/VBoxManage'];
  return ['/usr/bin/VBoxManage', '/usr/local/bin/VBoxManage'];
}

export function vboxInstallHint(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'install VirtualBox from virtualbox.org (or `brew install --cask virtualbox`)';
  if (platform === 'win32') return 'install VirtualBox from virtualbox.org (its installer sets VBOX_MSI_INSTALL_PATH)';
  return 'install VirtualBox from virtualbox.org or your distribution (Debian/Ubuntu: the virtualbox package)';
}

let found: Promise<string> | null = null;

/** VBoxManage's path, looked up once per process: PATH first, then the installers' places. */
export function vboxManagePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<string> {
  found ??= (async () => {
    const onPathHit = await onPath('VBoxManage', env);
    if (onPathHit) return onPathHit;
    for (const candidate of vboxManageCandidates(platform, env)) {
      if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
    }
    throw new BerthError('NOT_FOUND', `VBoxManage was not found on PATH or where VirtualBox installs it: ${vboxInstallHint(platform)}`);
  })();
  // A failed lookup is not remembered: the user may install VirtualBox while Berth runs.
  found.catch(() => (found = null));
  return found;
}

export interface VboxResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs VBoxManage with an argument list (no shell); a non-zero exit is returned, not thrown, so callers can read its words. */
export async function vboxManageRaw(args: string[], timeoutMs = 60_000): Promise<VboxResult> {
  const bin = await vboxManagePath();
  return new Promise((resolve) =>
    execFile(bin, args, { timeout: timeoutMs, windowsHide: true, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code) : 1) : 0;
      resolve({ stdout: String(stdout), stderr: String(stderr) || (err && !stderr ? err.message : ''), code });
    }),
  );
}

/** Runs VBoxManage and fails with its own last words when it fails. */
export async function vboxManage(args: string[], timeoutMs?: number): Promise<string> {
  const r = await vboxManageRaw(args, timeoutMs);
  if (r.code !== 0) throw new BerthError('DRIVER_FAILED', `VBoxManage ${args[0]} failed: ${lastError(r.stderr)}`);
  return r.stdout;
}

/** VBoxManage's error lines without its "VBoxManage: error: " prefix and the call-site details it adds. */
export function lastError(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .filter((l) => l.trim() && !/^VBoxManage: error: Details: code|^VBoxManage: error: Context: /.test(l))
    .map((l) => l.replace(/^VBoxManage: error: /, '').trim());
  return lines.join('; ') || 'no message';
}

/** The installed VirtualBox's version, refused when older than the oldest Berth drives. */
export async function checkVboxVersion(): Promise<string> {
  const text = (await vboxManage(['--version'])).trim();
  const v = parseVboxVersion(text);
  if (!v) throw new BerthError('DRIVER_FAILED', `VBoxManage --version printed "${text}", which is not a version`);
  if (v[0] < OLDEST[0] || (v[0] === OLDEST[0] && v[1] < OLDEST[1])) {
    throw new BerthError('UNSUPPORTED', `VirtualBox ${text} is older than ${OLDEST.join('.')}, the oldest Berth drives: ${vboxInstallHint(process.platform)}`);
  }
  return text;
}

/** The machine directory's files of a VM Berth made. */
export function vboxFiles(dir: string): { disk: string; seedIso: string; consoleLog: string } {
  return { disk: join(dir, 'disk.vdi'), seedIso: join(dir, 'seed.iso'), consoleLog: join(dir, 'console.log') };
}

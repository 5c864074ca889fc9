import { randomBytes } from 'node:crypto';
import { BerthError } from '../errors';
import type { ExecResult, SshSession, SudoAnswer } from '../ssh/sshSession';
import { shellQuote } from '../util/shellQuote';

/** How root is reached on the host; a sudo password stays in memory for this run only. */
export type Privilege = { kind: 'root' } | { kind: 'sudo' } | { kind: 'sudo-password'; password: string };

/**
 * Wraps a shell command so it runs as root with the host's privilege mode. With a sudo password,
 * the password is written only when sudo asks for it (its prompt is a marker of this run), and the
 * command's stdin ends once the root shell says it started (a second marker): a sudo that does not
 * ask (cached credentials) never hands the password to the command.
 */
export function asRoot(command: string, p: Privilege, marker = randomBytes(8).toString('hex')): { command: string; answer?: SudoAnswer } {
  const script = `sh -c ${shellQuote(command)}`;
  switch (p.kind) {
    case 'root':
      return { command: script };
    case 'sudo':
      return { command: `sudo -n ${script}` };
    case 'sudo-password': {
      const prompt = `[berth-sudo-${marker}]`;
      const ready = `[berth-root-${marker}]`;
      const announced = `sh -c ${shellQuote(`printf '%s\\n' ${shellQuote(ready)} >&2; ${command}`)}`;
      return { command: `sudo -S -p ${shellQuote(prompt)} ${announced}`, answer: { prompt, reply: `${p.password}\n`, ready } };
    }
  }
}

/** Finds out how to become root: already root, passwordless sudo, or sudo with the given password. */
export async function detectPrivilege(ssh: SshSession, sudoPassword?: string): Promise<Privilege> {
  const id = await ssh.exec('id -u');
  if (id.stdout.trim() === '0') return { kind: 'root' };
  const sudo = await ssh.exec('sudo -n true');
  if (sudo.code === 0) return { kind: 'sudo' };
  const who = `${ssh.target.user}@${ssh.target.host}`;
  if (/command not found|not found/.test(sudo.stderr)) {
    throw new BerthError('SUDO_PASSWORD', `${who} is not root and sudo is not installed: log in as root or install sudo`);
  }
  if (sudoPassword === undefined) {
    throw new BerthError('SUDO_PASSWORD', `sudo needs a password for ${who}: enter it (it is kept in memory for this run only), or use a user with passwordless sudo`);
  }
  const { command, answer } = asRoot('true', { kind: 'sudo-password', password: sudoPassword });
  const withPassword = await ssh.exec(command, { answer });
  if (withPassword.code === 0) return { kind: 'sudo-password', password: sudoPassword };
  throw new BerthError('SUDO_PASSWORD', `sudo refused the password for ${who}: ${withPassword.stderr.trim().split('\n').pop() ?? ''}`);
}

/** The last lines of a command's output, for an error or the log. */
export const lastLines = (text: string, lines = 15): string => text.trim().split('\n').slice(-lines).join('\n');

/** A command as root with the host's privilege mode (the result as it came, whatever its exit). */
export function execAsRoot(ssh: SshSession, privilege: Privilege, command: string, opts: { onOutput?: (text: string) => void; timeoutMs?: number } = {}): Promise<ExecResult> {
  const wrapped = asRoot(command, privilege);
  return ssh.exec(wrapped.command, { answer: wrapped.answer, ...opts });
}

/** A command as root that must succeed: its stdout, or an error naming `what` with stderr's last lines. */
export async function runAsRoot(ssh: SshSession, privilege: Privilege, command: string, what: string, opts: { onOutput?: (text: string) => void; timeoutMs?: number } = {}): Promise<string> {
  const r = await execAsRoot(ssh, privilege, command, opts);
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code ?? r.signal ?? 'lost connection'})${r.stderr.trim() ? `:\n${lastLines(r.stderr)}` : ''}`);
  return r.stdout;
}

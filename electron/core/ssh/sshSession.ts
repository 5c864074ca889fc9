import { readFile } from 'node:fs/promises';
import type { Client, ClientChannel, ConnectConfig } from 'ssh2';
import type { HostKeyProbe } from '../../../shared/types';
import { BerthError } from '../errors';
import { fingerprint, keyType, lookupPinned, pinHostKey } from './hostKeys';
import { type SudoAnswer, SudoResponder } from './sudoAnswer';
import { settleOnce } from '../util/settleOnce';

export type { SudoAnswer } from './sudoAnswer';

export interface SshAuth {
  privateKeyPath?: string;
  passphrase?: string;
  password?: string;
  /** Use the ssh-agent at $SSH_AUTH_SOCK. */
  agent?: boolean;
}

export interface SshTarget {
  host: string;
  port: number;
  user: string;
  auth: SshAuth;
}

export interface HostKeyInfo {
  host: string;
  port: number;
  fingerprint: string;
  keyType: string;
}

export interface ConnectOptions {
  knownHostsFile: string;
  /** Asked about a host with no pinned key (trust on first use); true pins it. Absent: refused. */
  trustUnknown?: (info: HostKeyInfo) => Promise<boolean>;
  /** An explicit re-trust of exactly this fingerprint, replacing a pinned key that changed. */
  acceptFingerprint?: string;
  readyTimeoutMs?: number;
  /** OpenSSH's -C. */
  compress?: boolean;
  /** OpenSSH's -A: the local ssh-agent is offered to the machine's sessions. */
  agentForward?: boolean;
}

export interface ExecResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Starts the line a tracked command's shell writes its pid on (a character no command prints). */
const PID_MARK = '\x1eberth-pid ';

const where = (t: SshTarget): string => `${t.user}@${t.host}:${t.port}`;

/** One SSH connection reused for every step, as opposed to docker-machine's connection per command. */
export class SshSession {
  commands = 0;
  /**
   * Set by a long action that can be cancelled: each command first tells its remote shell's pid (a
   * marker line on stderr, taken out again here), so a cancel can end the command's whole session
   * on the host — apt, dpkg, a sleeping script — instead of leaving it running behind a closed
   * connection (sshd signals nothing to a command without a PTY when the connection goes).
   */
  trackRemote = false;
  private readonly remotePids = new Set<number>();

  private readonly closedPromise: Promise<void>;

  constructor(
    /** For what a session does beyond commands and channels (port forwards). */
    readonly client: Client,
    readonly target: SshTarget,
    readonly hostKey: HostKeyInfo,
  ) {
    // Listened for from the start: a connection that drops before anyone asks is still known closed.
    this.closedPromise = new Promise((resolve) => client.once('close', () => resolve()));
  }

  exec(command: string, opts: { stdin?: string; answer?: SudoAnswer; timeoutMs?: number; onOutput?: (text: string) => void } = {}): Promise<ExecResult> {
    this.commands++;
    return new Promise((resolve, reject) => {
      // Lost before the channel opened: no callback may ever come. After it, the channel's own end decides.
      let started = false;
      void this.closedPromise.then(() => started || reject(this.lost()));
      let pid: number | null = null;
      const tracked = this.trackRemote;
      const marked = tracked ? `printf '${PID_MARK}%s\\n' "$$" >&2; ${command}` : command;
      const run = (cb: Parameters<Client['exec']>[1]): void => {
        try {
          this.client.exec(marked, cb);
        } catch {
          reject(this.lost());
        }
      };
      run((err, stream) => {
        started = true;
        if (err) {
          reject(new BerthError('UNREACHABLE', `SSH to ${where(this.target)}: cannot run a command: ${err.message}`));
          return;
        }
        let stdout = '';
        let stderr = '';
        let code: number | null = null;
        let signal: string | null = null;
        let settled = false;
        const finish = (): void => {
          if (settled) return;
          settled = true;
          if (pid !== null) this.remotePids.delete(pid);
          if (timer) clearTimeout(timer);
          resolve({ code, signal, stdout, stderr });
        };
        // A timeout or a dead connection ends the wait even when the channel never says 'close'.
        const timer = opts.timeoutMs
          ? setTimeout(() => {
              signal = 'TIMEOUT';
              stream.close();
              finish();
            }, opts.timeoutMs)
          : null;
        void this.closedPromise.then(() => {
          signal ??= 'CONNECTION_LOST';
          finish();
        });
        const decodeOut = new TextDecoder();
        const decodeErr = new TextDecoder();
        stream.on('data', (d: Buffer) => {
          const text = decodeOut.decode(d, { stream: true });
          stdout += text;
          opts.onOutput?.(text);
        });
        const emitErr = (text: string): void => {
          if (!text) return;
          stderr += text;
          opts.onOutput?.(text);
        };
        const sudo = opts.answer ? new SudoResponder(opts.answer) : null;
        // The pid marker is the first line on stderr when tracked: held back until whole, then dropped.
        let head = tracked ? '' : null;
        stream.stderr.on('data', (d: Buffer) => {
          let text = decodeErr.decode(d, { stream: true });
          if (head !== null) {
            head += text;
            const nl = head.indexOf('\n');
            if (nl < 0 && head.length < 64) return;
            const m = new RegExp(`^${PID_MARK}(\\d+)\\n`).exec(head);
            if (m) {
              pid = Number(m[1]);
              this.remotePids.add(pid);
            }
            text = m ? head.slice(m[0].length) : head;
            head = null;
          }
          if (!sudo) return emitErr(text);
          const step = sudo.push(text);
          if (step.write) stream.write(step.write);
          if (step.endStdin) stream.end();
          emitErr(step.show);
        });
        stream.on('close', () => {
          // A shell that ended before its marker line was whole: what it wrote is still its stderr.
          if (head) emitErr(head);
          if (sudo) emitErr(sudo.end());
        });
        stream.on('exit', (c: number | null, s?: string) => {
          code = c;
          signal = s ?? null;
        });
        stream.on('close', finish);
        if (!sudo) stream.end(opts.stdin ?? undefined);
      });
    });
  }

  /**
   * Ends every tracked command still running on the host: its remote shell's session and process
   * group get SIGTERM (a sudo in it passes the signal on to its command). Bounded: a host that does
   * not answer within a second is left to the closing connection.
   */
  async stopRemote(): Promise<void> {
    const pids = [...this.remotePids];
    if (pids.length === 0) return;
    const kill = pids.map((p) => `pkill -TERM -s ${p} 2>/dev/null; kill -TERM -- -${p} 2>/dev/null`).join('; ');
    const tracking = this.trackRemote;
    this.trackRemote = false;
    await this.exec(`${kill}; true`, { timeoutMs: 1000 }).catch(() => undefined);
    this.trackRemote = tracking;
  }

  /** Writes a file over SFTP, created with `mode` (never through a command line). */
  writeFile(path: string, data: string | Buffer, mode: number): Promise<void> {
    this.commands++;
    return new Promise((resolve, reject) => {
      this.client.sftp((err, sftp) => {
        if (err) return reject(new BerthError('UNREACHABLE', `SFTP to ${where(this.target)}: ${err.message}`));
        sftp.writeFile(path, data, { mode }, (e) => {
          sftp.end();
          if (e) reject(new BerthError('PROVISION_FAILED', `SFTP upload to ${path} on ${this.target.host}: ${e.message}`));
          else resolve();
        });
      });
    });
  }

  /**
   * A raw channel: a command, or the login shell when `command` is null; on a remote PTY of this
   * size when `pty` is given. The caller streams it (terminals, `berth ssh`).
   */
  openChannel(command: string | null, pty: { cols: number; rows: number } | null, term = 'xterm-256color'): Promise<ClientChannel> {
    this.commands++;
    const window = pty ? { term, cols: pty.cols, rows: pty.rows } : false;
    return new Promise((resolve, reject) => {
      const done = (err: Error | undefined, channel: ClientChannel): void => {
        if (err) reject(new BerthError('UNREACHABLE', `SSH to ${where(this.target)}: cannot open ${command === null ? 'a shell' : 'a command'}: ${err.message}`));
        else resolve(channel);
      };
      // A connection lost before the channel opened may never call back.
      void this.closedPromise.then(() => reject(this.lost()));
      try {
        if (command === null) this.client.shell(window, done);
        else this.client.exec(command, { pty: pty ? { term, cols: pty.cols, rows: pty.rows } : false }, done);
      } catch {
        reject(this.lost());
      }
    });
  }

  close(): void {
    this.client.end();
  }

  private lost(): BerthError {
    return new BerthError('UNREACHABLE', `SSH to ${where(this.target)}: the connection was lost`);
  }

  /** Resolves when the connection is gone (closed here, by the server, or dropped). */
  closed(): Promise<void> {
    return this.closedPromise;
  }
}

/** Turns ssh2's and the socket's errors into one a user can act on. */
export function describeConnectError(err: Error & { code?: string; level?: string }, t: SshTarget, tried: string[], timeoutMs: number): BerthError {
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') {
    return new BerthError('UNREACHABLE', `Cannot resolve "${t.host}" (DNS lookup failed)`);
  }
  if (err.code === 'ECONNREFUSED') return new BerthError('UNREACHABLE', `${t.host}:${t.port} refused the SSH connection`);
  if (err.code === 'EHOSTUNREACH' || err.code === 'ENETUNREACH') return new BerthError('UNREACHABLE', `${t.host} is unreachable (${err.code})`);
  if (err.code === 'ETIMEDOUT' || /timed out/i.test(err.message)) {
    return new BerthError('UNREACHABLE', `${t.host}:${t.port} did not answer SSH within ${timeoutMs / 1000} s`);
  }
  if (err.level === 'client-authentication') {
    return new BerthError('SSH_AUTH', `SSH login as ${where(t)} failed; tried: ${tried.join(', ') || 'none'}`);
  }
  if (/passphrase|Cannot parse privateKey|Encrypted/i.test(err.message)) {
    return new BerthError('SSH_AUTH', `Private key ${t.auth.privateKeyPath ?? ''}: ${err.message}`);
  }
  return new BerthError('UNREACHABLE', `SSH to ${where(t)}: ${err.message}`);
}

/**
 * Opens an SSH connection whose host key is verified before anything secret is sent: a pinned key
 * must match; an unknown one is pinned only if `trustUnknown` accepts it; a changed one is refused.
 */
export async function connectSsh(target: SshTarget, opts: ConnectOptions): Promise<SshSession> {
  const readyTimeoutMs = opts.readyTimeoutMs ?? 15_000;
  const tried: string[] = [];
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.user,
    readyTimeout: readyTimeoutMs,
    keepaliveInterval: 10_000,
    keepaliveCountMax: 3,
  };
  if (target.auth.privateKeyPath) {
    try {
      config.privateKey = await readFile(target.auth.privateKeyPath);
    } catch (err) {
      throw new BerthError('SSH_AUTH', `Cannot read the private key ${target.auth.privateKeyPath}: ${(err as Error).message}`);
    }
    config.passphrase = target.auth.passphrase;
    tried.push(`key ${target.auth.privateKeyPath}`);
  }
  if (target.auth.agent && process.env.SSH_AUTH_SOCK) {
    config.agent = process.env.SSH_AUTH_SOCK;
    tried.push('ssh-agent');
  }
  if (target.auth.password !== undefined) {
    config.password = target.auth.password;
    tried.push('password');
  }

  if (opts.compress) config.algorithms = { compress: ['zlib@openssh.com', 'zlib', 'none'] };
  if (opts.agentForward && process.env.SSH_AUTH_SOCK) {
    config.agent ??= process.env.SSH_AUTH_SOCK;
    config.agentForward = true;
  }

  let hostKey: HostKeyInfo | null = null;
  let refusal: BerthError | null = null;
  config.hostVerifier = (blob: Buffer, verify: (ok: boolean) => void): void => {
    const info = { host: target.host, port: target.port, fingerprint: fingerprint(blob), keyType: keyType(blob) };
    hostKey = info;
    void (async () => {
      const pinned = await lookupPinned(opts.knownHostsFile, target.host, target.port);
      if (pinned && pinned.blob.equals(blob)) return true;
      if (opts.acceptFingerprint === info.fingerprint) {
        await pinHostKey(opts.knownHostsFile, target.host, target.port, blob);
        return true;
      }
      if (pinned) {
        refusal = new BerthError(
          'HOST_KEY_CHANGED',
          `Host key changed for ${target.host}:${target.port}: pinned ${fingerprint(pinned.blob)} (${pinned.type}), now offered ${info.fingerprint} (${info.keyType}). Refused; re-trust it explicitly only if you know why it changed.`,
        );
        return false;
      }
      if (opts.trustUnknown && (await opts.trustUnknown(info))) {
        await pinHostKey(opts.knownHostsFile, target.host, target.port, blob);
        return true;
      }
      refusal = new BerthError('HOST_KEY_UNTRUSTED', `Host key ${info.fingerprint} (${info.keyType}) of ${target.host}:${target.port} was not accepted`);
      return false;
    })().then(verify, () => verify(false));
  };

  const client = new (await sshClient())();
  return settleOnce<SshSession>(deadline(readyTimeoutMs), (resolve, reject) => {
    client.once('ready', () => resolve(new SshSession(client, target, hostKey!)));
    // `on`, not `once`: a connection that dies later (a reboot, a dropped network) may emit more
    // than one error, and an unheard 'error' event would end the whole process. Its users learn
    // of the loss from 'close' (closed(), channel ends); after the first, this promise is settled.
    client.on('error', (err) => {
      client.end();
      reject(refusal ?? describeConnectError(err, target, tried, readyTimeoutMs));
    });
    // A connection cut after the banner ends with neither 'ready' nor 'error': it must still fail.
    client.once('close', () => reject(refusal ?? closedDuringHandshake(target, hostKey !== null)));
    try {
      client.connect(config);
    } catch (err) {
      reject(describeConnectError(err as Error, target, tried, readyTimeoutMs));
    }
    return () => client.end();
  });
}

function closedDuringHandshake(t: SshTarget, sawKey: boolean): BerthError {
  return new BerthError('UNREACHABLE', `SSH to ${where(t)}: the connection closed during the ${sawKey ? 'login' : 'handshake'}`);
}

/** ssh2's own readyTimeout speaks first; ours is the backstop for a connection that went silent. */
const deadline = (readyTimeoutMs: number): number => readyTimeoutMs + 2000;

/** ssh2, loaded on first use: commands that only read the store (`berth env`, `url`) never pay for it. */
async function sshClient(): Promise<typeof Client> {
  return (await import('ssh2')).Client;
}

/** Reads a host's key without logging in (the connection is refused right after key exchange). */
export async function probeHostKey(host: string, port: number, knownHostsFile: string, readyTimeoutMs = 10_000): Promise<HostKeyProbe> {
  let seen: Buffer | null = null;
  const SshClient = await sshClient();
  const target: SshTarget = { host, port, user: 'probe', auth: {} };
  await settleOnce<void>(deadline(readyTimeoutMs), (resolve, reject) => {
    const client = new SshClient();
    client.on('error', (err) => {
      client.end();
      if (seen) resolve();
      else reject(describeConnectError(err, target, [], readyTimeoutMs));
    });
    client.once('ready', () => {
      client.end();
      resolve();
    });
    client.once('close', () => (seen ? resolve() : reject(closedDuringHandshake(target, false))));
    client.connect({
      host,
      port,
      username: 'probe',
      readyTimeout: readyTimeoutMs,
      hostVerifier: (blob: Buffer) => {
        seen = blob;
        return false;
      },
    });
    return () => client.end();
  });
  const blob = seen as Buffer | null;
  if (!blob) throw new BerthError('UNREACHABLE', `${host}:${port} sent no host key`);
  const pinned = await lookupPinned(knownHostsFile, host, port);
  const info = { fingerprint: fingerprint(blob), keyType: keyType(blob) };
  if (!pinned) return { ...info, status: 'unknown' };
  if (pinned.blob.equals(blob)) return { ...info, status: 'pinned' };
  return { ...info, status: 'changed', pinnedFingerprint: fingerprint(pinned.blob) };
}

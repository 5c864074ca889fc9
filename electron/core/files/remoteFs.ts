import type { FileEntryWithStats, SFTPWrapper, Stats, TransferOptions } from 'ssh2';
import { BerthError } from '../errors';
import type { SshSession } from '../ssh/sshSession';

/** ssh2's SFTP status codes (SFTP v3, what OpenSSH's sftp-server speaks). */
const NO_SUCH_FILE = 2;
const PERMISSION_DENIED = 3;
const FAILURE = 4;

/**
 * An SFTP failure as the user reads it: the file (`web-1:/srv/x`) and what the host said. OpenSSH's
 * sftp-server reports a full disk (ENOSPC) only as "Failure", so a failed write says it may be that.
 */
export function sftpError(err: unknown, where: string, writing = false): BerthError {
  const e = err as Error & { code?: number | string };
  if (e instanceof BerthError) return e;
  if (e.code === NO_SUCH_FILE) return new BerthError('NOT_FOUND', `${where}: No such file or directory`);
  if (e.code === PERMISSION_DENIED) return new BerthError('UNSUPPORTED', `${where}: Permission denied`);
  if (e.code === FAILURE && writing) return new BerthError('INTERNAL', `${where}: the host could not write it (${e.message}; is its disk full?)`);
  return new BerthError('INTERNAL', `${where}: ${e.message}`);
}

const call = <T>(fn: (cb: (err: Error | null | undefined, value: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

/** A machine's files over one SFTP channel, promise-shaped; errors are raw (callers name the file). */
export class RemoteFs {
  private constructor(readonly sftp: SFTPWrapper) {}

  static async open(ssh: SshSession): Promise<RemoteFs> {
    const sftp = await call<SFTPWrapper>((cb) => ssh.client.sftp(cb));
    // A closed channel (the connection dropped) must not become an unhandled 'error'.
    sftp.on('error', () => undefined);
    return new RemoteFs(sftp);
  }

  stat(path: string): Promise<Stats> {
    return call((cb) => this.sftp.stat(path, cb));
  }

  /** The entry itself (a link is not followed). */
  lstat(path: string): Promise<Stats> {
    return call((cb) => this.sftp.lstat(path, cb));
  }

  /** null: nothing there. */
  statOrNull(path: string): Promise<Stats | null> {
    return this.stat(path).catch((err: { code?: number }) => {
      if (err.code === NO_SUCH_FILE) return null;
      throw err;
    });
  }

  readdir(path: string): Promise<FileEntryWithStats[]> {
    return call((cb) => this.sftp.readdir(path, cb as never));
  }

  realpath(path: string): Promise<string> {
    return call((cb) => this.sftp.realpath(path, cb));
  }

  mkdir(path: string, mode = 0o755): Promise<void> {
    return call((cb) => this.sftp.mkdir(path, { mode }, (err) => cb(err, undefined)));
  }

  rename(from: string, to: string): Promise<void> {
    return call((cb) => this.sftp.rename(from, to, (err) => cb(err, undefined)));
  }

  /** Replaces `to` atomically (OpenSSH's posix-rename@openssh.com; plain SFTP rename refuses an existing target). */
  posixRename(from: string, to: string): Promise<void> {
    return call((cb) => this.sftp.ext_openssh_rename(from, to, (err) => cb(err, undefined)));
  }

  unlink(path: string): Promise<void> {
    return call((cb) => this.sftp.unlink(path, (err) => cb(err, undefined)));
  }

  rmdir(path: string): Promise<void> {
    return call((cb) => this.sftp.rmdir(path, (err) => cb(err, undefined)));
  }

  chmod(path: string, mode: number): Promise<void> {
    return call((cb) => this.sftp.chmod(path, mode, (err) => cb(err, undefined)));
  }

  /** ssh2's pipelined transfers: many requests in flight, as OpenSSH's sftp does. */
  fastPut(local: string, remote: string, opts: TransferOptions): Promise<void> {
    return call((cb) => this.sftp.fastPut(local, remote, opts, (err) => cb(err, undefined)));
  }

  fastGet(remote: string, local: string, opts: TransferOptions): Promise<void> {
    return call((cb) => this.sftp.fastGet(remote, local, opts, (err) => cb(err, undefined)));
  }

  open(path: string, flags: 'r' | 'w' | 'wx', mode = 0o644): Promise<Buffer> {
    return call((cb) => this.sftp.open(path, flags, { mode }, cb));
  }

  /** Reads up to `length` bytes at `position`; fewer at the end of the file. */
  read(handle: Buffer, length: number, position: number): Promise<Buffer> {
    const buf = Buffer.allocUnsafe(length);
    return new Promise((resolve, reject) => this.sftp.read(handle, buf, 0, length, position, (err, n) => (err ? reject(err) : resolve(buf.subarray(0, n)))));
  }

  write(handle: Buffer, data: Buffer, position: number): Promise<void> {
    return call((cb) => this.sftp.write(handle, data, 0, data.length, position, (err) => cb(err, undefined)));
  }

  closeHandle(handle: Buffer): Promise<void> {
    return call((cb) => this.sftp.close(handle, (err) => cb(err, undefined)));
  }

  close(): void {
    this.sftp.end();
  }
}

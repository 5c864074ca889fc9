import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { RemoteListing, RemoteText } from '../../../shared/types';
import { BerthError } from '../errors';
import { capable } from '../services/capable';
import type { MachineService } from '../services/machineService';
import { connectMachine } from '../ssh/machineSsh';
import type { SshSession } from '../ssh/sshSession';
import { RemoteFs, sftpError } from './remoteFs';
import { type ListOptions, pageOf, toEntry } from './remoteListing';

/** A connection nobody used for this long is closed (the next request opens another). */
const IDLE_MS = 120_000;
/** Files edited in place: a config file, a compose file — not a log to page through. */
export const TEXT_LIMIT = 1024 * 1024;

interface Session {
  ssh: SshSession;
  fs: RemoteFs;
  idle: NodeJS.Timeout | null;
}

/**
 * A machine's files for the Files tab, over one SFTP connection per machine kept while in use: list
 * (sorted, paged), make folders, rename, delete (folders with what is in them), and read and write
 * small text files. Every error names the file as `machine:/path`.
 */
export class RemoteFiles {
  private readonly sessions = new Map<string, Promise<Session>>();

  constructor(private readonly machines: MachineService) {}

  /** The machine's SFTP, connecting (with `acceptHostKey` on first contact) when there is none. */
  async fs(name: string, acceptHostKey?: string): Promise<RemoteFs> {
    let pending = this.sessions.get(name);
    if (!pending) {
      pending = this.open(name, acceptHostKey);
      this.sessions.set(name, pending);
      pending.catch(() => this.sessions.delete(name));
    }
    const s = await pending;
    if (s.idle) clearTimeout(s.idle);
    s.idle = setTimeout(() => this.drop(name), IDLE_MS);
    s.idle.unref();
    return s.fs;
  }

  private async open(name: string, acceptHostKey?: string): Promise<Session> {
    const record = await capable(this.machines, name, 'ssh');
    const ssh = await connectMachine(record, { acceptHostKey });
    void ssh.closed().then(() => this.sessions.delete(name));
    try {
      return { ssh, fs: await RemoteFs.open(ssh), idle: null };
    } catch (err) {
      ssh.close();
      throw err;
    }
  }

  private drop(name: string): void {
    const s = this.sessions.get(name);
    this.sessions.delete(name);
    void s?.then((x) => x.ssh.close(), () => undefined);
  }

  closeAll(): void {
    for (const name of [...this.sessions.keys()]) this.drop(name);
  }

  /** `path` null: the login user's home. */
  async list(name: string, path: string | null, o: ListOptions, acceptHostKey?: string): Promise<RemoteListing> {
    const fs = await this.fs(name, acceptHostKey);
    const where = path ?? '.';
    try {
      const abs = await fs.realpath(where);
      const raw = await fs.readdir(abs);
      // A link is shown as what it points at (a folder opens); asked only for links.
      const entries = await Promise.all(raw.map(async (e) => toEntry(e, (e.attrs.mode & 0o170000) === 0o120000 ? await fs.statOrNull(posix.join(abs, e.filename)).catch(() => null) : undefined)));
      return { path: abs, ...pageOf(entries, o) };
    } catch (err) {
      throw sftpError(err, `${name}:${where}`);
    }
  }

  async mkdir(name: string, path: string): Promise<void> {
    const fs = await this.fs(name);
    await fs.mkdir(path).catch((err) => Promise.reject(sftpError(err, `${name}:${path}`, true)));
  }

  /** Renames within the machine; an existing target is never replaced. */
  async rename(name: string, from: string, to: string): Promise<void> {
    const fs = await this.fs(name);
    if (await fs.statOrNull(to)) throw new BerthError('BUSY', `${name}:${to} already exists`);
    await fs.rename(from, to).catch((err) => Promise.reject(sftpError(err, `${name}:${from}`, true)));
  }

  /** Deletes a file, or a folder with everything in it; returns how many entries went. */
  async remove(name: string, path: string): Promise<number> {
    const fs = await this.fs(name);
    const walk = async (p: string): Promise<number> => {
      const s = await fs.stat(p);
      if (!s.isDirectory()) return fs.unlink(p).then(() => 1);
      let n = 0;
      for (const e of await fs.readdir(p)) {
        if (e.filename === '.' || e.filename === '..') continue;
        const child = posix.join(p, e.filename);
        // A link inside is removed as a link, never followed.
        n += (e.attrs.mode & 0o170000) === 0o040000 ? await walk(child) : await fs.unlink(child).then(() => 1);
      }
      await fs.rmdir(p);
      return n + 1;
    };
    try {
      if ((await fs.lstat(path)).isSymbolicLink()) return await fs.unlink(path).then(() => 1);
      return await walk(path);
    } catch (err) {
      throw sftpError(err, `${name}:${path}`, true);
    }
  }

  async readText(name: string, path: string): Promise<RemoteText> {
    const fs = await this.fs(name);
    const where = `${name}:${path}`;
    try {
      const s = await fs.stat(path);
      if (!s.isFile()) throw new BerthError('UNSUPPORTED', `${where} is not a file`);
      if (s.size > TEXT_LIMIT) throw new BerthError('UNSUPPORTED', `${where} is too large to edit here (${(s.size / 1e6).toFixed(1)} MB; up to 1 MB): download it instead`);
      const handle = await fs.open(path, 'r');
      const bytes = await fs.read(handle, s.size, 0).finally(() => fs.closeHandle(handle).catch(() => undefined));
      let text: string;
      try {
        if (bytes.includes(0)) throw new Error('binary');
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new BerthError('UNSUPPORTED', `${where} is not a UTF-8 text file: download it instead`);
      }
      return { path, text, mtime: s.mtime, size: s.size };
    } catch (err) {
      throw sftpError(err, where);
    }
  }

  /**
   * Saves an edited text file: refused when it changed on the machine since it was read; written
   * beside it and renamed over it (OpenSSH's posix-rename), so a dropped connection never leaves half
   * a file; its permissions kept.
   */
  async writeText(name: string, path: string, text: string, read: { mtime: number; size: number }): Promise<RemoteText> {
    const fs = await this.fs(name);
    const where = `${name}:${path}`;
    const data = Buffer.from(text, 'utf8');
    if (data.length > TEXT_LIMIT) throw new BerthError('UNSUPPORTED', `${where}: up to 1 MB can be saved from here`);
    try {
      const s = await fs.stat(path);
      if (s.mtime !== read.mtime || s.size !== read.size) throw new BerthError('BUSY', `${where} changed on the machine since it was opened: open it again to see the new content`);
      const temp = posix.join(posix.dirname(path), `.${posix.basename(path)}.berth-${randomBytes(4).toString('hex')}`);
      const handle = await fs.open(temp, 'wx', s.mode & 0o7777);
      try {
        if (data.length > 0) await fs.write(handle, data, 0);
      } finally {
        await fs.closeHandle(handle);
      }
      await fs.posixRename(temp, path).catch(async (err) => {
        await fs.unlink(temp).catch(() => undefined);
        throw err;
      });
      const now = await fs.stat(path);
      return { path, text, mtime: now.mtime, size: now.size };
    } catch (err) {
      throw sftpError(err, where, true);
    }
  }
}

import { posix } from 'node:path';
import type { ActionHandle, ActionRegistry } from '../actions/actionRegistry';
import { BerthError } from '../errors';
import type { RemoteFiles } from './remoteFiles';
import { type RemoteFs, sftpError } from './remoteFs';

/** Bytes per chunk over IPC: 1 MiB is 1.4 MB of base64, under the browser host's 2 MiB frame limit. */
export const CHUNK = 1024 * 1024;
/** A transfer whose page stopped sending (closed, reloaded, offline) ends as failed after this long. */
const STALL_MS = 60_000;

interface Transfer {
  kind: 'upload' | 'download';
  handle: ActionHandle;
  started: number;
  machine: string;
  fs: RemoteFs;
  done: number;
  total: number;
  stall: NodeJS.Timeout | null;
  /** Upload: the files, their remote paths, and the one being written. Download: the file read. */
  files: Array<{ path: string; size: number }>;
  open: { index: number; fd: Buffer } | null;
  step: string;
}

/**
 * The Files tab's uploads and downloads as tasks every window sees (progress in bytes, Cancel,
 * outcome): the page sends or fetches the bytes a chunk at a time, the core writes or reads them
 * on the machine's SFTP. Cancel (from any window) closes the file, deletes a partial upload and
 * makes the page's next chunk fail; a page that stops sending ends its transfer after a minute.
 */
export class FileTransfers {
  private readonly transfers = new Map<string, Transfer>();

  constructor(
    private readonly files: RemoteFiles,
    private readonly registry: ActionRegistry,
  ) {}

  /**
   * An upload of `files` (paths relative to `dir`, folders made as needed). A name already there
   * is refused, naming it, unless `overwrite`.
   */
  async beginUpload(machine: string, dir: string, files: Array<{ path: string; size: number }>, overwrite: boolean): Promise<{ id: string }> {
    const fs = await this.files.fs(machine);
    const targets = files.map((f) => ({ path: posix.join(dir, f.path), size: f.size }));
    const where = (p: string): string => `${machine}:${p}`;
    if (!overwrite) {
      const taken = (await Promise.all(targets.map(async (t) => ((await fs.statOrNull(t.path).catch(() => null)) ? t.path : null)))).filter((p): p is string => p !== null);
      if (taken.length) throw new BerthError('BUSY', `Already there: ${taken.slice(0, 5).map(where).join(', ')}${taken.length > 5 ? ` and ${taken.length - 5} more` : ''}`);
    }
    const total = targets.reduce((n, t) => n + t.size, 0);
    const step = files.length === 1 ? `Upload ${posix.basename(targets[0]!.path)}` : `Upload ${files.length} files`;
    const handle = this.registry.begin('upload', machine, { path: files.length === 1 ? targets[0]!.path : dir, files: files.length, bytes: total });
    const t: Transfer = { kind: 'upload', handle, started: Date.now(), machine, fs, done: 0, total, stall: null, files: targets, open: null, step };
    this.start(t);
    try {
      for (const d of [...new Set(targets.map((x) => posix.dirname(x.path)))].sort()) await this.mkdirs(fs, d, where);
      // Empty files have no chunk to carry them.
      for (const f of targets.filter((x) => x.size === 0)) await fs.closeHandle(await fs.open(f.path, 'w'));
    } catch (err) {
      const failure = sftpError(err, where(dir), true);
      this.end(t, failure);
      throw failure;
    }
    this.finishIfDone(t);
    return { id: handle.id };
  }

  /** The next bytes of file `index` of an upload, at `offset` (in order). */
  async uploadChunk(id: string, index: number, offset: number, data: Buffer): Promise<{ finished: boolean }> {
    const t = this.live(id);
    const file = t.files[index];
    if (!file || offset + data.length > file.size) throw new BerthError('INVALID_PAYLOAD', 'That chunk is not part of this upload');
    try {
      if (t.open?.index !== index) {
        if (t.open) await t.fs.closeHandle(t.open.fd);
        t.open = { index, fd: await t.fs.open(file.path, 'w') };
      }
      await t.fs.write(t.open.fd, data, offset);
      if (offset + data.length === file.size) {
        await t.fs.closeHandle(t.open.fd);
        t.open = null;
      }
    } catch (err) {
      const failure = t.handle.signal.aborted ? cancelled() : sftpError(err, `${t.machine}:${file.path}`, true);
      this.end(t, failure);
      throw failure;
    }
    this.progress(t, data.length);
    return { finished: this.finishIfDone(t) };
  }

  async beginDownload(machine: string, path: string): Promise<{ id: string; size: number; name: string }> {
    const fs = await this.files.fs(machine);
    const s = await fs.stat(path).catch((err) => Promise.reject(sftpError(err, `${machine}:${path}`)));
    if (!s.isFile()) throw new BerthError('UNSUPPORTED', `${machine}:${path} is not a file`);
    const handle = this.registry.begin('download', machine, { path, bytes: s.size });
    const t: Transfer = { kind: 'download', handle, started: Date.now(), machine, fs, done: 0, total: s.size, stall: null, files: [{ path, size: s.size }], open: null, step: `Download ${posix.basename(path)}` };
    this.start(t);
    try {
      t.open = { index: 0, fd: await fs.open(path, 'r') };
    } catch (err) {
      const failure = sftpError(err, `${machine}:${path}`);
      this.end(t, failure);
      throw failure;
    }
    this.finishIfDone(t);
    return { id: handle.id, size: s.size, name: posix.basename(path) };
  }

  async downloadChunk(id: string, offset: number): Promise<{ data: Buffer; finished: boolean }> {
    const t = this.live(id);
    const length = Math.min(CHUNK, t.total - offset);
    if (length < 0 || !t.open) throw new BerthError('INVALID_PAYLOAD', 'That chunk is not part of this download');
    let data: Buffer;
    try {
      data = await t.fs.read(t.open.fd, length, offset);
    } catch (err) {
      const failure = t.handle.signal.aborted ? cancelled() : sftpError(err, `${t.machine}:${t.files[0]!.path}`);
      this.end(t, failure);
      throw failure;
    }
    this.progress(t, data.length);
    return { data, finished: this.finishIfDone(t) };
  }

  private start(t: Transfer): void {
    this.transfers.set(t.handle.id, t);
    t.handle.progress({ machine: t.machine, kind: 'steps', steps: [t.step] });
    t.handle.progress({ machine: t.machine, kind: 'step', step: t.step, state: 'running', elapsedMs: 0 });
    t.handle.progress({ machine: t.machine, kind: 'transfer', step: t.step, done: 0, total: t.total });
    t.handle.signal.addEventListener('abort', () => this.end(t, cancelled()), { once: true });
    this.touch(t);
  }

  private live(id: string): Transfer {
    const t = this.transfers.get(id);
    if (!t) throw new BerthError('CANCELLED', 'This transfer has ended (cancelled, failed or finished)');
    this.touch(t);
    return t;
  }

  private touch(t: Transfer): void {
    if (t.stall) clearTimeout(t.stall);
    t.stall = setTimeout(() => this.end(t, new BerthError('INTERNAL', 'The page sending this transfer stopped (closed or reloaded): start it again')), STALL_MS);
    t.stall.unref();
  }

  private progress(t: Transfer, bytes: number): void {
    t.done += bytes;
    t.handle.progress({ machine: t.machine, kind: 'transfer', step: t.step, done: t.done, total: t.total });
  }

  private finishIfDone(t: Transfer): boolean {
    if (t.done < t.total) return false;
    this.end(t, null);
    return true;
  }

  /** Ends a transfer once: its handle closed, a partial upload deleted, its task told how it ended. */
  private end(t: Transfer, err: BerthError | null): void {
    if (!this.transfers.delete(t.handle.id)) return;
    if (t.stall) clearTimeout(t.stall);
    const open = t.open;
    t.open = null;
    if (open) {
      void t.fs.closeHandle(open.fd).catch(() => undefined).then(() => {
        if (err && t.kind === 'upload') return t.fs.unlink(t.files[open.index]!.path).catch(() => undefined);
      });
    }
    t.handle.progress({ machine: t.machine, kind: 'step', step: t.step, state: err ? 'failed' : 'done', elapsedMs: Date.now() - t.started });
    if (err) t.handle.failed(err);
    else t.handle.succeeded(`${(t.total / 1e6).toFixed(1)} MB`);
  }

  private async mkdirs(fs: RemoteFs, dir: string, where: (p: string) => string): Promise<void> {
    if (dir === '/' || dir === '.' || (await fs.statOrNull(dir))?.isDirectory()) return;
    await this.mkdirs(fs, posix.dirname(dir), where);
    await fs.mkdir(dir).catch(async (err) => {
      if (!(await fs.statOrNull(dir))?.isDirectory()) throw sftpError(err, where(dir), true);
    });
  }
}

const cancelled = (): BerthError => new BerthError('CANCELLED', 'The transfer was cancelled');

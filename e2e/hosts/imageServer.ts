import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { posix } from 'node:path';

/**
 * A distribution's image server on loopback, for download tests without the internet: serves
 * files by URL path (HTTP Range as real mirrors do), can publish SHA256SUMS/SHA512SUMS beside them,
 * and can misbehave the ways networks do.
 */
export interface ServedFile {
  /** Bytes or a local file's path. */
  body: Buffer | string;
}

export interface ImageServerOptions {
  /** Answer Range requests with the whole file (200), as some servers do. */
  ignoreRange?: boolean;
  /** Cut the first N image responses' connection after this many bytes. */
  dropAfterBytes?: number;
  drops?: number;
  /** Stall each image response after this many bytes until the client gives up (to test cancel)… */
  stallAfterBytes?: number;
  /** …or only this long, then go on (so a UI can be seen mid-download). */
  stallMs?: number;
}

export interface ServedRequest {
  path: string;
  range: string | null;
}

export interface ImageServer {
  origin: string;
  url(path: string): string;
  /** Every request, in order. */
  requests: ServedRequest[];
  set(path: string, file: ServedFile): void;
  /** Changes how it misbehaves from the next request on (`{}` heals it). */
  misbehave(opts: ImageServerOptions): void;
  close(): Promise<void>;
}

async function sizeOf(body: Buffer | string): Promise<number> {
  return typeof body === 'string' ? (await stat(body)).size : body.length;
}

/** A checksum list as coreutils writes it, for files served at `dir`. */
export async function checksumList(algorithm: 'sha256' | 'sha512', files: Record<string, Buffer | string>): Promise<string> {
  const lines = await Promise.all(
    Object.entries(files).map(async ([name, body]) => {
      const hash = createHash(algorithm);
      if (typeof body === 'string') for await (const chunk of createReadStream(body)) hash.update(chunk as Buffer);
      else hash.update(body);
      return `${hash.digest('hex')}  ${posix.basename(name)}\n`;
    }),
  );
  return lines.join('');
}

export async function startImageServer(files: Record<string, ServedFile>, initial: ImageServerOptions = {}): Promise<ImageServer> {
  const served = new Map(Object.entries(files));
  const requests: ServedRequest[] = [];
  let opts = initial;
  let drops = opts.drops ?? (opts.dropAfterBytes ? 1 : 0);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ path, range: req.headers.range ?? null });
    const file = served.get(path);
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    const size = await sizeOf(file.body);
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = m && !opts.ignoreRange ? Number(m[1]) : 0;
    if (start >= size && start > 0) {
      res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
      return;
    }
    res.writeHead(m && !opts.ignoreRange ? 206 : 200, {
      'content-length': String(size - start),
      'accept-ranges': 'bytes',
      ...(m && !opts.ignoreRange ? { 'content-range': `bytes ${start}-${size - 1}/${size}` } : {}),
    });
    const source = typeof file.body === 'string' ? createReadStream(file.body, { start }) : [file.body.subarray(start)];
    const drop = drops > 0 && opts.dropAfterBytes !== undefined && opts.dropAfterBytes < size - start ? opts.dropAfterBytes : undefined;
    if (drop !== undefined) drops--;
    let sent = 0;
    let limit = drop ?? opts.stallAfterBytes;
    for await (const whole of source as AsyncIterable<Buffer>) {
      let chunk = whole;
      const room = limit === undefined ? chunk.length : Math.max(0, limit - sent);
      if (room < chunk.length) {
        if (room > 0) res.write(chunk.subarray(0, room));
        if (drop !== undefined) await new Promise((ok) => res.write('', ok)).then(() => res.destroy());
        // A stall keeps the connection open without a byte more; the client's abort ends it.
        if (drop !== undefined || opts.stallMs === undefined) return;
        await new Promise((ok) => setTimeout(ok, opts.stallMs));
        sent += room;
        chunk = chunk.subarray(room);
        limit = undefined;
      }
      sent += chunk.length;
      if (!res.write(chunk)) await new Promise((ok) => res.once('drain', ok));
    }
    res.end();
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    set: (path, file) => served.set(path, file),
    misbehave: (next) => {
      opts = next;
      drops = next.drops ?? (next.dropAfterBytes ? 1 : 0);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** Serves a local image file at `path` with a SHA512SUMS (Debian-style) beside it. */
export async function serveImageWithSums(path: string, file: string, opts: ImageServerOptions = {}): Promise<ImageServer> {
  const list = await checksumList('sha512', { [path]: file });
  return startImageServer({ [path]: { body: file }, [posix.join(posix.dirname(path), 'SHA512SUMS')]: { body: Buffer.from(list) } }, opts);
}

import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checksumList, type ImageServer, startImageServer } from '../../../e2e/hosts/imageServer';
import { fetchImage, type ImageFetchOptions, imageUrl } from './imageCache';

const DEBIAN_PATH = '/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2';
const SUMS_PATH = '/images/cloud/bookworm/latest/SHA512SUMS';
const image = randomBytes(3 * 1024 * 1024 + 123);
const sha512 = createHash('sha512').update(image).digest('hex');

let cacheDir: string;
let server: ImageServer | null = null;
let logs: string;
let transfers: [number, number | null][];

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'berth-cache-'));
  logs = '';
  transfers = [];
});
afterEach(async () => {
  await server?.close();
  server = null;
  await rm(cacheDir, { recursive: true, force: true });
});

function options(extra: Partial<ImageFetchOptions> = {}): ImageFetchOptions {
  return {
    cacheDir,
    log: (t) => (logs += t),
    onTransfer: (done, total) => transfers.push([done, total]),
    ...extra,
  };
}

async function debianServer(opts: Parameters<typeof startImageServer>[1] = {}, sums?: string): Promise<ImageServer> {
  server = await startImageServer(
    { [DEBIAN_PATH]: { body: image }, [SUMS_PATH]: { body: Buffer.from(sums ?? (await checksumList('sha512', { [DEBIAN_PATH]: image }))) } },
    opts,
  );
  return server;
}

/** Debian 12's catalog URL on the loopback mirror. */
const debian12 = (origin = server!.origin): string => imageUrl('debian-12', 'x86_64', origin)!;

const imageRequests = (): { range: string | null }[] => server!.requests.filter((r) => r.path === DEBIAN_PATH);

describe('fetchImage (a local distribution mirror on loopback)', () => {
  it('downloads a catalog image once into the cache, verified against SHA512SUMS, with progress', async () => {
    await debianServer();
    const path = await fetchImage(debian12(), options());
    expect(path).toBe(join(cacheDir, `${sha512.slice(0, 16)}-debian-12-genericcloud-amd64.qcow2`));
    expect((await readFile(path)).equals(image)).toBe(true);
    expect(transfers.at(-1)).toEqual([image.length, image.length]);
    expect(logs).toContain(`Verified sha512 ${sha512}`);

    const again = await fetchImage(debian12(), options());
    expect(again).toBe(path);
    expect(imageRequests()).toHaveLength(1);
    expect(logs).toContain('Using the cached image');
  });

  it('resumes with an HTTP Range request when the connection drops half way', async () => {
    await debianServer({ dropAfterBytes: 1024 * 1024 });
    const path = await fetchImage(debian12(), options());
    expect((await readFile(path)).equals(image)).toBe(true);
    const ranges = imageRequests().map((r) => r.range);
    expect(ranges[0]).toBeNull();
    expect(ranges[1]).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(ranges[1]!)![0])).toBeGreaterThan(0);
    expect(logs).toMatch(/Download interrupted .*resuming/);
  });

  it('keeps the part of a cancelled download and resumes it on the next create', async () => {
    await debianServer({ stallAfterBytes: 2 * 1024 * 1024 });
    const abort = new AbortController();
    // The server stalls after 2 MiB; progress shows where it stalled, and the user cancels while it hangs.
    const cancelled = fetchImage(debian12(), options({ signal: abort.signal, onTransfer: (done) => done === 2 * 1024 * 1024 && abort.abort() }));
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    const part = (await readdir(cacheDir)).find((f) => f.endsWith('.part'));
    const kept = (await stat(join(cacheDir, part!))).size;
    expect(kept).toBe(2 * 1024 * 1024);

    await server!.close();
    await debianServer();
    const path = await fetchImage(debian12(), options());
    expect((await readFile(path)).equals(image)).toBe(true);
    expect(imageRequests()[0]!.range).toBe(`bytes=${kept}-`);
    expect(await readdir(cacheDir)).toEqual([`${sha512.slice(0, 16)}-debian-12-genericcloud-amd64.qcow2`]);
  });

  it('starts over when the server ignores Range, and still verifies', async () => {
    await debianServer({ ignoreRange: true, dropAfterBytes: 1024 * 1024 });
    const path = await fetchImage(debian12(), options());
    expect((await readFile(path)).equals(image)).toBe(true);
    expect(imageRequests()).toHaveLength(2);
  });

  it('refuses an image that does not match the published checksum and deletes it', async () => {
    await debianServer({}, `${'0'.repeat(128)}  debian-12-genericcloud-amd64.qcow2\n`);
    await expect(fetchImage(debian12(), options())).rejects.toMatchObject({
      code: 'CHECKSUM_MISMATCH',
      message: expect.stringContaining(`expected ${'0'.repeat(128)}, got ${sha512}`),
    });
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('a URL without a published checksum needs one given; a given one is checked', async () => {
    server = await startImageServer({ '/own/disk.qcow2': { body: image } });
    const url = server.url('/own/disk.qcow2');
    await expect(fetchImage(url, options())).rejects.toMatchObject({ code: 'DOWNLOAD_FAILED', message: expect.stringContaining('--qemu-image-checksum') });
    const sha256 = createHash('sha256').update(image).digest('hex');
    const path = await fetchImage(url, options({ checksum: { algorithm: 'sha256', hex: sha256 } }));
    expect((await readFile(path)).equals(image)).toBe(true);
    expect(path.endsWith(`${sha256.slice(0, 16)}-disk.qcow2`)).toBe(true);
  });

  it('works offline from the copy verified earlier, and says so', async () => {
    await debianServer();
    const path = await fetchImage(debian12(), options());
    const origin = server!.origin;
    await server!.close();
    server = null;
    const offline = await fetchImage(debian12(origin), options());
    expect(offline).toBe(path);
    expect(logs).toContain('Using the copy verified earlier');
  });

  it('an unreachable server without a cached copy is a clear error', async () => {
    await debianServer();
    const origin = server!.origin;
    await server!.close();
    server = null;
    await expect(fetchImage(debian12(origin), options())).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining(`Cannot reach ${origin}${SUMS_PATH}`),
    });
  });

  it('a new "latest" goes beside the old one: the base of existing VMs is never overwritten', async () => {
    await debianServer();
    const first = await fetchImage(debian12(), options());
    const newer = randomBytes(1024);
    server!.set(DEBIAN_PATH, { body: newer });
    server!.set(SUMS_PATH, { body: Buffer.from(await checksumList('sha512', { [DEBIAN_PATH]: newer })) });
    const second = await fetchImage(debian12(), options());
    expect(second).not.toBe(first);
    expect((await readFile(first)).equals(image)).toBe(true);
    expect((await readFile(second)).equals(newer)).toBe(true);
  });

  it('waits for another process downloading the same image into the store, then uses its result', async () => {
    await debianServer();
    const other = spawn('sleep', ['60']);
    try {
      const dest = join(cacheDir, `${sha512.slice(0, 16)}-debian-12-genericcloud-amd64.qcow2`);
      await writeFile(`${dest}.lock`, String(other.pid));
      const waiting = fetchImage(debian12(), options());
      await new Promise((r) => setTimeout(r, 1500));
      expect(imageRequests()).toEqual([]);
      // The other process finishes: its verified file appears and its lock goes.
      await writeFile(dest, image);
      await rm(`${dest}.lock`);
      expect(await waiting).toBe(dest);
      expect(imageRequests()).toEqual([]);
      expect(logs).toContain(`Waiting for Berth process ${other.pid}, which is downloading the same image`);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock whose process died', async () => {
    await debianServer();
    const dead = spawn('true');
    await new Promise((r) => dead.once('exit', r));
    const dest = join(cacheDir, `${sha512.slice(0, 16)}-debian-12-genericcloud-amd64.qcow2`);
    await writeFile(`${dest}.lock`, String(dead.pid));
    expect(await fetchImage(debian12(), options())).toBe(dest);
    expect(imageRequests()).toHaveLength(1);
    expect(existsSync(`${dest}.lock`)).toBe(false);
  });
});

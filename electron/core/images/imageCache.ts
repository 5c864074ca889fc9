import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { cloudImage, isImageUrl } from '../../../shared/cloudImages';
import { formatTransfer } from '../../../shared/formatTransfer';
import { BerthError } from '../errors';
import type { QemuArch } from '../drivers/qemu/qemuCommand';
import { type Checksum, parseChecksumList } from './checksums';
import { withDownloadLock } from './downloadLock';
import { pathExists } from '../util/pathExists';

/** The checksum lists a distribution publishes next to its images, strongest first. */
const CHECKSUM_LISTS = ['SHA512SUMS', 'SHA256SUMS'];
const ATTEMPTS = 5;
const TRANSFER_EVERY_MS = 250;

export interface ImageFetchOptions {
  /** The store's `cache/` directory. */
  cacheDir: string;
  /** `sha256:HEX`-style checksum given by the user, for URLs without a published list. */
  checksum?: Checksum;
  log(text: string): void;
  onTransfer(done: number, total: number | null): void;
  signal?: AbortSignal;
}

/**
 * A catalog id (`debian-12`) or an http(s) URL as the URL to download; null for a local file.
 * `mirror` serves the catalog images' paths from another origin (an air-gapped mirror).
 */
export function imageUrl(image: string, arch: QemuArch, mirror?: string): string | null {
  const known = cloudImage(image);
  if (known) {
    const url = new URL(known.urls[arch]);
    return mirror ? `${mirror.replace(/\/+$/, '')}${url.pathname}` : url.href;
  }
  return isImageUrl(image) ? image : null;
}

function fileNameOf(url: string): string {
  return decodeURIComponent(basename(new URL(url).pathname)) || 'image';
}

/** Where a verified image lives: its checksum is in the name, so a newer "latest" never overwrites the base of existing VMs. */
function cachePath(cacheDir: string, url: string, sum: Checksum): string {
  return join(cacheDir, `${sum.hex.slice(0, 16)}-${fileNameOf(url)}`);
}

async function fetchOk(url: string, signal: AbortSignal | undefined, headers: Record<string, string> = {}): Promise<Response> {
  try {
    return await fetch(url, { signal, headers, redirect: 'follow' });
  } catch (err) {
    if (signal?.aborted) throw new BerthError('CANCELLED', `Download of ${url} cancelled`);
    const cause = (err as { cause?: Error }).cause;
    throw new BerthError('DOWNLOAD_FAILED', `Cannot reach ${url}: ${cause?.message ?? (err as Error).message}`);
  }
}

/** The image's checksum from the distribution's list beside it (SHA512SUMS, then SHA256SUMS). */
export async function publishedChecksum(url: string, signal?: AbortSignal): Promise<Checksum> {
  const name = fileNameOf(url);
  const tried: string[] = [];
  for (const list of CHECKSUM_LISTS) {
    const listUrl = new URL(list, url).href;
    const res = await fetchOk(listUrl, signal);
    if (!res.ok) {
      tried.push(`${listUrl}: HTTP ${res.status}`);
      continue;
    }
    const sum = parseChecksumList(await res.text()).get(name);
    if (sum) return sum;
    tried.push(`${listUrl}: no line for ${name}`);
  }
  throw new BerthError(
    'DOWNLOAD_FAILED',
    `Cannot verify ${url}: no published checksum for it (${tried.join('; ')}). Give one with --qemu-image-checksum sha256:HEX, or pick a local image file.`,
  );
}

export async function hashFile(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

/**
 * One attempt: asks for the bytes after what `.part` already holds (HTTP Range), appends them and
 * feeds them to the hash. A server that ignores Range sends everything: the part starts over then.
 */
async function downloadAttempt(url: string, part: string, hash: { current: Hash; algorithm: Checksum['algorithm'] }, opts: ImageFetchOptions): Promise<void> {
  const have = await stat(part).then((s) => s.size, () => 0);
  const res = await fetchOk(url, opts.signal, have > 0 ? { range: `bytes=${have}-` } : {});
  if (res.status === 416) return; // the part already holds every byte
  if (!res.ok || !res.body) throw new BerthError('DOWNLOAD_FAILED', `Downloading ${url}: HTTP ${res.status} ${res.statusText}`);
  const resumed = res.status === 206;
  if (have > 0 && resumed) opts.log(`Resuming ${fileNameOf(url)} at ${formatTransfer(have, null)}\n`);
  if (!resumed) hash.current = createHash(hash.algorithm);
  const rest = Number(res.headers.get('content-length') ?? NaN);
  const total = Number.isFinite(rest) ? rest + (resumed ? have : 0) : null;
  let done = resumed ? have : 0;
  // At most one report per interval, and the latest one always follows (a stalled server shows where it stalled).
  let reported = 0;
  let trailing: NodeJS.Timeout | null = null;
  const report = (): void => {
    trailing = null;
    reported = Date.now();
    opts.onTransfer(done, total);
  };
  const file = await open(part, resumed ? 'a' : 'w', 0o644);
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      await file.write(chunk);
      hash.current.update(chunk);
      done += chunk.length;
      const wait = reported + TRANSFER_EVERY_MS - Date.now();
      if (wait <= 0) report();
      else trailing ??= setTimeout(report, wait);
    }
  } finally {
    if (trailing) clearTimeout(trailing);
    await file.close();
  }
  report();
  if (total !== null && done < total) throw new Error(`the connection ended at ${done} of ${total} bytes`);
}

/** Downloads to `<dest>.part` (kept on failure or cancel, so the next try resumes), verifies, then renames into place. */
async function downloadVerified(url: string, dest: string, sum: Checksum, opts: ImageFetchOptions): Promise<void> {
  const part = `${dest}.part`;
  const hash = { current: createHash(sum.algorithm), algorithm: sum.algorithm };
  if (await pathExists(part)) await hashFile(part, hash.current);
  for (let attempt = 1; ; attempt++) {
    try {
      await downloadAttempt(url, part, hash, opts);
      break;
    } catch (err) {
      if (opts.signal?.aborted) throw new BerthError('CANCELLED', `Download of ${url} cancelled (the part already fetched is kept for the next try)`);
      if (err instanceof BerthError) throw err;
      // fetch says only "terminated"; its cause says why ("other side closed").
      const cause = (err as { cause?: Error }).cause;
      const why = `${(err as Error).message}${cause?.message ? `: ${cause.message}` : ''}`;
      if (attempt === ATTEMPTS) throw new BerthError('DOWNLOAD_FAILED', `Downloading ${url} failed ${ATTEMPTS} times (${why}); what was fetched is kept, Retry resumes it`);
      opts.log(`Download interrupted (${why}); resuming (attempt ${attempt + 1} of ${ATTEMPTS})\n`);
    }
  }
  const got = hash.current.digest('hex');
  if (got !== sum.hex) {
    await rm(part, { force: true });
    throw new BerthError('CHECKSUM_MISMATCH', `${url} does not match its ${sum.algorithm} checksum: expected ${sum.hex}, got ${got}. The download was deleted; try again.`);
  }
  await rename(part, dest);
}

/** The newest verified copy of a URL's image in the cache (what a create would most likely use), or null. */
export function cachedCopyOf(cacheDir: string, url: string): Promise<string | null> {
  return newestCached(cacheDir, fileNameOf(url));
}

/** The newest verified copy of a file name in the cache, for creating offline when the checksum list cannot be fetched. */
async function newestCached(cacheDir: string, name: string): Promise<string | null> {
  const hits = (await readdir(cacheDir).catch(() => [])).filter((f) => /^[0-9a-f]{16}-/.test(f) && f.slice(17) === name);
  const dated = await Promise.all(hits.map(async (f) => ({ path: join(cacheDir, f), mtime: (await stat(join(cacheDir, f))).mtimeMs })));
  return dated.sort((a, b) => b.mtime - a.mtime)[0]?.path ?? null;
}

const inFlight = new Map<string, Promise<string>>();

/**
 * The cached file of an image URL: downloaded once into the cache, resumable, and verified against
 * the given checksum or its distribution's checksum list.
 */
export async function fetchImage(url: string, opts: ImageFetchOptions): Promise<string> {
  let sum = opts.checksum;
  if (!sum) {
    try {
      sum = await publishedChecksum(url, opts.signal);
    } catch (err) {
      const cached = err instanceof BerthError && err.code === 'DOWNLOAD_FAILED' ? await newestCached(opts.cacheDir, fileNameOf(url)) : null;
      if (!cached) throw err;
      opts.log(`${(err as Error).message}\nUsing the copy verified earlier: ${cached}\n`);
      return cached;
    }
  }
  const dest = cachePath(opts.cacheDir, url, sum);
  if (await pathExists(dest)) {
    opts.log(`Using the cached image ${dest} (${sum.algorithm} verified when it was downloaded)\n`);
    return dest;
  }
  const running = inFlight.get(dest);
  if (running) {
    opts.log(`Waiting for the download of ${fileNameOf(url)} another create started\n`);
    return running;
  }
  // Registered before anything is awaited, so a second create in this process waits for this one.
  const work = mkdir(opts.cacheDir, { recursive: true }).then(() =>
    withDownloadLock(
      dest,
      // Another process may have fetched it while this one waited.
      async () => ((await pathExists(dest)) ? dest : null),
      async () => {
        opts.log(`Downloading ${url}\n`);
        await downloadVerified(url, dest, sum, opts);
        opts.log(`Verified ${sum.algorithm} ${sum.hex}\n`);
        return dest;
      },
      opts,
    ),
  );
  inFlight.set(dest, work);
  try {
    return await work;
  } finally {
    inFlight.delete(dest);
  }
}

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { engineChoice } from '../../../../shared/requests';
import type { DockerBaseInfo } from '../../../../shared/types';
import { hashFile } from '../../images/imageCache';
import { writeFileAtomic } from '../../store/atomicWrite';
import { withStoreLock } from '../../store/storeLock';

/**
 * Docker-ready bases: a VM's disk copied right after its first provisioning, generalised, kept in
 * `cache/bases/<id>/` with what it was made from. A new VM with the same image, kernel and engine
 * choice boots on one and skips the package install (the minutes of a create under emulation).
 */

export const BASE_FILE = 'base.json';
export const BASE_DISK = 'disk.qcow2';

const baseRecord = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,80}$/),
  arch: z.enum(['x86_64', 'aarch64']),
  /** The image file the base's disk backs on (it must stay while the base does). */
  image: z.string().min(1),
  /** sha256 of that file when the base was made: a changed file is another image. */
  imageId: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  /** A direct-boot kernel ('' none): the base's modules belong to it. */
  kernel: z.string(),
  engine: engineChoice,
  dockerVersion: z.string(),
  os: z.string(),
  madeFrom: z.string(),
  createdAt: z.string(),
});
export type BaseRecord = z.infer<typeof baseRecord>;
export interface Base extends BaseRecord {
  disk: string;
  dir: string;
}

/** What a new VM would be made of, to find a base for it. */
export interface BaseWanted {
  arch: string;
  imageId: string;
  kernel: string;
  engine: z.infer<typeof engineChoice>;
}

export const basesDir = (storePath: string): string => join(storePath, 'cache', 'bases');

/** Canonical text of an engine choice (key order does not make two choices differ). */
export function engineKey(choice: z.infer<typeof engineChoice>): string {
  return JSON.stringify(Object.entries(choice).sort(([a], [b]) => a.localeCompare(b)));
}

/** Why a base is not for this VM, or null when it is. Pure: the table test's subject. */
export function baseMismatch(base: BaseRecord, want: BaseWanted, maxAgeDays: number, now = Date.now()): string | null {
  if (base.arch !== want.arch) return `made for ${base.arch}`;
  if (base.imageId !== want.imageId) return 'made from another image';
  if (base.kernel !== want.kernel) return 'made for another kernel';
  if (engineKey(base.engine) !== engineKey(want.engine)) return 'made with another Docker Engine choice';
  const ageDays = (now - Date.parse(base.createdAt)) / 86_400_000;
  if (!(ageDays <= maxAgeDays)) return `older than ${maxAgeDays} days`;
  return null;
}

/** The bases in the store's cache; a folder whose record is damaged or whose disk is missing is not one. */
export async function listBases(storePath: string): Promise<Base[]> {
  const root = basesDir(storePath);
  const bases: Base[] = [];
  for (const id of await readdir(root).catch(() => [] as string[])) {
    const dir = join(root, id);
    try {
      const parsed = baseRecord.safeParse(JSON.parse(await readFile(join(dir, BASE_FILE), 'utf8')));
      await stat(join(dir, BASE_DISK));
      if (parsed.success && parsed.data.id === id) bases.push({ ...parsed.data, dir, disk: join(dir, BASE_DISK) });
    } catch {
      // A base being made (no record yet) or a broken one: `berth cache prune` removes it.
    }
  }
  return bases.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The newest base for this VM, or null. */
export async function chooseBase(storePath: string, want: BaseWanted, maxAgeDays: number): Promise<Base | null> {
  return (await listBases(storePath)).find((b) => baseMismatch(b, want, maxAgeDays) === null) ?? null;
}

export function baseInfo(base: Base): DockerBaseInfo {
  return { id: base.id, dockerVersion: base.dockerVersion, os: base.os, madeFrom: base.madeFrom, createdAt: base.createdAt };
}

export async function writeBaseRecord(dir: string, record: BaseRecord): Promise<void> {
  await writeFileAtomic(join(dir, BASE_FILE), `${JSON.stringify(baseRecord.parse(record), null, 2)}\n`, 0o644);
}

const idsFile = (storePath: string): string => join(basesDir(storePath), 'image-ids.json');

/**
 * An image file's sha256, remembered by path, size and time (hashing a cloud image takes seconds;
 * asking again for every create would cost them each time).
 */
export async function imageIdentity(storePath: string, image: string): Promise<string> {
  const { size, mtimeMs } = await stat(image);
  const known = JSON.parse(await readFile(idsFile(storePath), 'utf8').catch(() => '{}')) as Record<string, { size: number; mtimeMs: number; id: string } | undefined>;
  const hit = known[image];
  if (hit && hit.size === size && hit.mtimeMs === mtimeMs) return hit.id;
  const hash = createHash('sha256');
  await hashFile(image, hash);
  const id = `sha256:${hash.digest('hex')}`;
  await mkdir(basesDir(storePath), { recursive: true });
  // Under the store lock: two creates remembering two images must both be kept.
  await withStoreLock(idsFile(storePath), async () => {
    const now = JSON.parse(await readFile(idsFile(storePath), 'utf8').catch(() => '{}')) as Record<string, unknown>;
    await writeFileAtomic(idsFile(storePath), JSON.stringify({ ...now, [image]: { size, mtimeMs, id } }), 0o644);
  });
  return id;
}

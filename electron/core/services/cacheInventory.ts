import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheEntry } from '../../../shared/types';
import { BerthError } from '../errors';
import { BASE_DISK, basesDir, listBases } from '../drivers/qemu/baseCatalog';
import { driverFor } from '../drivers/registry';
import { processAlive } from '../util/processAlive';
import type { MachineService } from './machineService';

/**
 * The store's `cache/`: verified images, Docker-ready bases and unfinished downloads, with the
 * machines whose disks are made on each — `berth cache ls|rm|prune` and the Settings page's list.
 * A file something is made on is never removed: a VM's disk would lose its lower half.
 */

const cacheDir = (machines: MachineService): string => join(machines.storePath, 'cache');

/** The cache file each VM's disk is made on: its image and, if any, its base. */
async function vmBackings(machines: MachineService): Promise<{ name: string; files: string[] }[]> {
  const vms: { name: string; files: string[] }[] = [];
  for (const entry of await machines.store.list()) {
    if (entry.kind !== 'ok') continue;
    const files = driverFor(entry.machine.config.DriverName).cacheFiles?.(entry.machine) ?? [];
    if (files.length) vms.push({ name: entry.machine.name, files });
  }
  return vms;
}

async function sizeOf(path: string): Promise<{ sizeBytes: number; modified: string }> {
  const s = await stat(path);
  // Allocated bytes: a qcow2 file or a sparse part takes what it holds, not its length.
  return { sizeBytes: Math.min(s.size, s.blocks * 512), modified: s.mtime.toISOString() };
}

/** A part another process is downloading now (its lock names a live process). */
async function downloading(part: string): Promise<boolean> {
  const pid = Number((await readFile(`${part.slice(0, -'.part'.length)}.lock`, 'utf8').catch(() => '')).trim());
  return pid > 0 && processAlive(pid);
}

export async function listCache(machines: MachineService): Promise<CacheEntry[]> {
  const vms = await vmBackings(machines);
  const users = (path: string): string[] => vms.filter((vm) => vm.files.includes(path)).map((vm) => vm.name);
  const bases = await listBases(machines.storePath);
  const entries: CacheEntry[] = [];
  for (const base of bases) {
    entries.push({
      kind: 'base',
      name: base.id,
      path: base.disk,
      ...(await sizeOf(base.disk)),
      usedBy: users(base.disk),
      detail: `Docker ${base.dockerVersion} on ${base.os || 'Linux'}, ${base.engine.kind === 'distro' ? "the distribution's package" : base.engine.kind} (made from ${base.madeFrom})`,
    });
  }
  // A base folder without its record was never finished: nothing can be made on it.
  const whole = new Set(bases.map((b) => b.id));
  for (const id of await readdir(basesDir(machines.storePath)).catch(() => [] as string[])) {
    const dir = join(basesDir(machines.storePath), id);
    if (whole.has(id) || !(await stat(dir).then((s) => s.isDirectory(), () => false))) continue;
    entries.push({ kind: 'part', name: `bases/${id}`, path: dir, ...(await sizeOf(join(dir, BASE_DISK)).catch(() => sizeOf(dir))), usedBy: [], detail: 'an unfinished Docker-ready base' });
  }
  for (const file of await readdir(cacheDir(machines)).catch(() => [] as string[])) {
    const path = join(cacheDir(machines), file);
    if (file.endsWith('.lock') || !(await stat(path).then((s) => s.isFile(), () => false))) continue;
    if (file.endsWith('.part')) {
      entries.push({ kind: 'part', name: file, path, ...(await sizeOf(path)), usedBy: (await downloading(path)) ? ['a download in progress'] : [], detail: 'an unfinished download (the next create of this image resumes it)' });
      continue;
    }
    const byBases = bases.filter((b) => b.image === path).map((b) => `base ${b.id}`);
    entries.push({ kind: 'image', name: file, path, ...(await sizeOf(path)), usedBy: [...users(path), ...byBases], detail: 'a verified VM image' });
  }
  return entries;
}

const what = (e: CacheEntry): string => (e.kind === 'base' ? `The Docker-ready base ${e.name}` : e.kind === 'image' ? `The image ${e.name}` : `The unfinished ${e.name}`);

/** Deletes an entry `listCache` found unused (a base with its folder). */
async function deleteEntry(machines: MachineService, entry: CacheEntry): Promise<CacheEntry> {
  await rm(entry.kind === 'base' ? join(basesDir(machines.storePath), entry.name) : entry.path, { recursive: true, force: true });
  return entry;
}

/** Removes one entry by the name `ls` shows; refused, with who uses it, while anything is made on it. */
export async function removeCacheEntry(machines: MachineService, name: string): Promise<CacheEntry> {
  const entry = (await listCache(machines)).find((e) => e.name === name);
  if (!entry) throw new BerthError('NOT_FOUND', `Nothing named "${name}" is in the cache (${cacheDir(machines)}); \`berth cache ls\` lists what is`);
  if (entry.usedBy.length) throw new BerthError('BUSY', `${what(entry)} is in use by ${entry.usedBy.join(', ')}: remove ${entry.usedBy.length > 1 ? 'those' : 'that'} first`);
  return deleteEntry(machines, entry);
}

/**
 * Removes every unused entry; returns what went. One listing a round (not one per entry): removing
 * a base can leave the image under it unused, which the next round finds.
 */
export async function pruneCache(machines: MachineService): Promise<CacheEntry[]> {
  const removed: CacheEntry[] = [];
  for (;;) {
    const unused = (await listCache(machines)).filter((e) => e.usedBy.length === 0 && !removed.some((r) => r.path === e.path));
    if (!unused.length) return removed;
    for (const entry of unused) removed.push(await deleteEntry(machines, entry));
  }
}

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../../e2e/fixtures/fixtureStore';
import { FIXTURE_BASE, writeImageCache } from '../../../e2e/fixtures/imageCacheFixture';
import { renderCache } from '../../cli/cacheCommand';
import { listCache, pruneCache, removeCacheEntry } from './cacheInventory';
import { MachineService } from './machineService';

/** A store's cache with two images, a base on one of them, an unfinished base and a download part; machines made on some. */
describe('the image cache: what is there, who uses it, what may go', () => {
  let store: string;
  let machines: MachineService;
  const base = FIXTURE_BASE;
  beforeEach(async () => {
    store = await copyFixtureStore();
    machines = new MachineService(store, {});
    await writeImageCache(store);
  });
  afterEach(() => rm(store, { recursive: true, force: true }));

  it('lists images, bases and unfinished work with their users', async () => {
    const entries = await listCache(machines);
    expect(entries.map((e) => [e.kind, e.name, e.usedBy])).toEqual(
      expect.arrayContaining([
        ['base', base, ['gen2']],
        ['part', 'bases/half-made', []],
        ['image', '0123456789abcdef-debian.qcow2', ['gen1', 'gen2', `base ${base}`]],
        ['image', 'fedcba9876543210-ubuntu.img', []],
        ['part', 'fedcba9876543210-other.img.part', []],
      ]),
    );
    expect(entries).toHaveLength(5);
    expect(renderCache(entries).split('\n')[0]).toMatch(/^KIND +NAME +SIZE +USED BY +MODIFIED +WHAT$/);
  });

  it('refuses to remove what a machine is made on, naming it; an unknown name is said', async () => {
    await expect(removeCacheEntry(machines, base)).rejects.toMatchObject({ code: 'BUSY', message: `The Docker-ready base ${base} is in use by gen2: remove that first` });
    await expect(removeCacheEntry(machines, '0123456789abcdef-debian.qcow2')).rejects.toMatchObject({ message: expect.stringContaining('is in use by gen1, gen2, base') });
    await expect(removeCacheEntry(machines, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('prune removes only what nothing is made on; once the machines are gone, the base and then its image go too', async () => {
    expect((await pruneCache(machines)).map((e) => e.name).sort()).toEqual(['bases/half-made', 'fedcba9876543210-other.img.part', 'fedcba9876543210-ubuntu.img']);
    expect((await listCache(machines)).map((e) => e.name).sort()).toEqual(['0123456789abcdef-debian.qcow2', base]);
    for (const name of ['gen1', 'gen2']) await rm(join(store, 'machines', name), { recursive: true });
    expect((await pruneCache(machines)).map((e) => e.name)).toEqual([base, '0123456789abcdef-debian.qcow2']);
    expect(await listCache(machines)).toEqual([]);
  });
});

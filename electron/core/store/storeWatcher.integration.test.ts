import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StoreChange, watchStore } from './storeWatcher';
import { writeFileAtomic } from './atomicWrite';

const settle = (ms = 600): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('store watcher on a real directory', () => {
  let store: string;
  let events: StoreChange[];
  let stop: () => void;
  beforeEach(async () => {
    store = await mkdtemp(join(tmpdir(), 'berth-watch-'));
    await mkdir(join(store, 'machines', 'vm1'), { recursive: true });
    events = [];
    stop = watchStore(store, (c) => events.push(c), 100);
    await settle(200);
  });
  afterEach(async () => {
    stop();
    await rm(store, { recursive: true, force: true });
  });

  it("is silent while a VM's own files change (disk, pidfile, socket, console, temp files)", async () => {
    for (let i = 0; i < 50; i++) {
      await writeFile(join(store, 'machines', 'vm1', 'disk.qcow2'), `block ${i}`);
      await writeFile(join(store, 'machines', 'vm1', 'console.log'), `line ${i}\n`, { flag: 'a' });
    }
    await writeFile(join(store, 'machines', 'vm1', 'qemu.pid'), '123');
    await settle();
    expect(events).toEqual([]);
  });

  it('names the machine once when its config.json is written (atomically, as Berth and docker-machine do)', async () => {
    await writeFileAtomic(join(store, 'machines', 'vm1', 'config.json'), '{}');
    await settle();
    expect(events).toEqual([{ names: ['vm1'], all: false }]);
  });

  it('names a machine that appears', async () => {
    await mkdir(join(store, 'machines', 'new1'));
    await settle();
    expect(events).toEqual([{ names: ['new1'], all: false }]);
  });

  it('notices a store that did not exist when it started, once something makes it (a first import or create)', async () => {
    const later = join(store, 'not-yet');
    const seen: StoreChange[] = [];
    const stopLater = watchStore(later, (c) => seen.push(c), 100);
    try {
      await settle(2500);
      expect(seen).toEqual([]);
      await mkdir(join(later, 'machines', 'first'), { recursive: true });
      await writeFileAtomic(join(later, 'machines', 'first', 'config.json'), '{}');
      await settle(3000);
      expect(seen.some((c) => c.all || c.names.includes('first'))).toBe(true);
    } finally {
      stopLater();
    }
  });
});

import { execFile, execFileSync, spawn } from 'node:child_process';
import { X509Certificate, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../../e2e/fixtures/fixtureStore';
import { readSettings, updateSettings } from '../settings/appSettings';
import { lookupPinned, pinHostKey } from '../ssh/hostKeys';
import { MachineStore, removeStaleStoreTemp } from './machineStore';
import { withStoreLock } from './storeLock';

const WORKER = fileURLToPath(new URL('../../../e2e/support/storeCertsWorker.ts', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function worker(store: string, name: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', WORKER, store, name], (err, _out, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve())),
  );
}

describe('the store under concurrent writers', () => {
  it('20 processes creating machines on a new store make exactly one CA, and every machine cert verifies against it', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `m${i}`);
    await Promise.all(names.map((n) => worker(dir, n)));
    const certs = join(dir, 'certs');
    expect((await readdir(certs)).sort()).toEqual(['ca-key.pem', 'ca.pem', 'cert.pem', 'key.pem']);
    const caPem = await readFile(join(certs, 'ca.pem'), 'utf8');
    // The CA's key is the one its certificate names.
    const fromCert = new X509Certificate(caPem).publicKey.export({ type: 'spki', format: 'der' });
    const fromKey = createPublicKey(await readFile(join(certs, 'ca-key.pem'))).export({ type: 'spki', format: 'der' });
    expect(fromKey.equals(fromCert)).toBe(true);
    for (const n of names) {
      const m = join(dir, 'machines', n);
      expect(await readFile(join(m, 'ca.pem'), 'utf8')).toBe(caPem);
      expect(execFileSync('openssl', ['verify', '-CAfile', join(certs, 'ca.pem'), join(m, 'cert.pem')], { encoding: 'utf8' })).toBe(`${join(m, 'cert.pem')}: OK\n`);
    }
  });

  it('20 host keys pinned at once are all kept', async () => {
    const file = join(dir, 'berth-known_hosts');
    const blobs = Array.from({ length: 20 }, (_, i) => {
      const type = Buffer.from('ssh-ed25519');
      const key = Buffer.alloc(32, i + 1);
      const len = (b: Buffer): Buffer => Buffer.from([0, 0, 0, b.length]);
      return Buffer.concat([len(type), type, len(key), key]);
    });
    await Promise.all(blobs.map((b, i) => pinHostKey(file, '127.0.0.1', 2200 + i, b)));
    for (const [i, b] of blobs.entries()) expect((await lookupPinned(file, '127.0.0.1', 2200 + i))?.blob.equals(b)).toBe(true);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(20);
  });

  it('the active machine and the QEMU folder changed at once are both kept, and unknown keys stay', async () => {
    await writeFile(join(dir, 'berth-settings.json'), JSON.stringify({ futureSetting: 7 }));
    for (let i = 0; i < 20; i++) {
      await Promise.all([updateSettings(dir, { chosenActive: `m${i}` }), updateSettings(dir, { qemuDir: `/opt/qemu${i}` })]);
      expect(await readSettings(dir)).toEqual({ chosenActive: `m${i}`, qemuDir: `/opt/qemu${i}` });
    }
    expect(JSON.parse(await readFile(join(dir, 'berth-settings.json'), 'utf8')).futureSetting).toBe(7);
  });

  it("a config.json update keeps what another writer changed since this one loaded it", async () => {
    const store = await copyFixtureStore();
    try {
      const machines = new MachineStore(store);
      const stale = await machines.load('gen1');
      await machines.update('gen1', (c) => void (c.Driver.SSHUser = 'changed-elsewhere'));
      await machines.update(stale.name, (c) => void (c.Driver.EnginePort = 2377));
      const now = (await machines.load('gen1')).config.Driver;
      expect([now.SSHUser, now.EnginePort]).toEqual(['changed-elsewhere', 2377]);
    } finally {
      await rm(store, { recursive: true, force: true });
    }
  });

  it('locks a file whose folder does not exist yet (a new store), making the folder', async () => {
    await updateSettings(join(dir, 'new-store'), { qemuDir: '/opt/q' });
    expect(await readSettings(join(dir, 'new-store'))).toEqual({ chosenActive: null, qemuDir: '/opt/q' });
  });

  it("takes over a lock whose holder died, and waits for a live one", async () => {
    const target = join(dir, 'file');
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    await writeFile(`${target}.lock`, String(dead.pid));
    expect(await withStoreLock(target, async () => 'taken over')).toBe('taken over');
    const order: string[] = [];
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const first = withStoreLock(target, async () => {
      order.push('first in');
      entered();
      await new Promise((r) => setTimeout(r, 100));
      order.push('first out');
    });
    await inside; // the second asks only once the first holds the lock
    await Promise.all([first, withStoreLock(target, async () => void order.push('second'))]);
    expect(order).toEqual(['first in', 'first out', 'second']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes temp files that killed writers left, but not a fresh one another writer may still rename', async () => {
    const store = await copyFixtureStore();
    try {
      const old = join(store, 'machines', 'gen1', '.config.json.0123456789ab.tmp');
      const fresh = join(store, '.berth-settings.json.ba9876543210.tmp');
      await writeFile(old, '{');
      await writeFile(fresh, '{');
      const hourAgo = new Date(Date.now() - 3600_000);
      await utimes(old, hourAgo, hourAgo);
      expect(await removeStaleStoreTemp(store)).toEqual([old]);
      expect(await readdir(store)).toContain('.berth-settings.json.ba9876543210.tmp');
    } finally {
      await rm(store, { recursive: true, force: true });
    }
  });
});

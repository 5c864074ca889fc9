import { copyFile, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../../e2e/fixtures/fixtureStore';
import type { TestHost } from '../../../e2e/hosts/hosts';
import { startTestHost, testHosts } from '../../../e2e/hosts/testing';
import { cuttingProxy } from '../../../e2e/hosts/zoo';
import { BerthError } from '../errors';
import { knownHostsPath } from './hostKeys';
import { connectSsh, probeHostKey } from './sshSession';
import { type BerthRun, runBerth } from '../../../e2e/support/runBerth';

// A link that dies in the middle of the SSH handshake (a loopback proxy in front of a real sshd that
// cuts after N bytes) must fail every connect, probe and action with a clear error: never hang,
// never "succeed" having done nothing.

const ctx = testHosts();

const berth = (args: string[]): Promise<BerthRun> => runBerth(args, { timeoutMs: 60_000 });

describe.skipIf(!ctx)('SSH through a link that is cut during the handshake', () => {
  let host: TestHost;
  let proxy: Awaited<ReturnType<typeof cuttingProxy>>;
  let store: string;
  let known: string;
  /** Bytes the proxy carried until the session was ready (banner, key exchange, login). */
  let readyAt: number;

  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour: 'sshd' });
    proxy = await cuttingProxy(host.port);
    store = await copyFixtureStore();
    known = knownHostsPath(store);
    // The machine gen1 now reaches the host through the proxy, its host key pinned there.
    const dir = join(store, 'machines', 'gen1');
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'));
    Object.assign(config.Driver, { SSHUser: 'root', SSHPort: proxy.port, EnginePort: host.dockerPort });
    await writeFile(join(dir, 'config.json'), JSON.stringify(config, null, 4));
    await copyFile(host.keyPath, join(dir, 'id_rsa'));
    await chmod(join(dir, 'id_rsa'), 0o600);
    const ssh = await connectSsh(
      { host: '127.0.0.1', port: proxy.port, user: 'root', auth: { privateKeyPath: host.keyPath } },
      { knownHostsFile: known, trustUnknown: async () => true },
    );
    readyAt = proxy.lastBytes();
    ssh.close();
  });
  afterAll(async () => {
    await proxy?.close();
    await host?.stop();
    await rm(store, { recursive: true, force: true });
  });

  /** Cut points from the first bytes of the banner to just before the login completes. */
  const fractions = [0.001, 0.01, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95];

  it('connect fails with a clear error at every cut point', async () => {
    expect(readyAt).toBeGreaterThan(1000);
    for (const f of fractions) {
      proxy.cutAfter(Math.max(1, Math.floor(readyAt * f)));
      const started = Date.now();
      const err = await connectSsh({ host: '127.0.0.1', port: proxy.port, user: 'root', auth: { privateKeyPath: host.keyPath } }, { knownHostsFile: known }).then(
        (s) => (s.close(), null),
        (e: unknown) => e,
      );
      expect(err, `cut after ${Math.floor(readyAt * f)} bytes`).toBeInstanceOf(BerthError);
      expect((err as BerthError).message).toMatch(/^SSH to root@127\.0\.0\.1:\d+: (the connection closed during the (handshake|login)|Connection lost before handshake)$/);
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it('a host-key probe fails clearly when the link dies before the key arrives', async () => {
    for (const cut of [30, 100, 300]) {
      proxy.cutAfter(cut);
      await expect(probeHostKey('127.0.0.1', proxy.port, known)).rejects.toThrow(/connection closed during the handshake|Connection lost before handshake/);
    }
  });

  it.each([
    ['provision', ['provision', 'gen1']],
    ['restart', ['restart', 'gen1']],
    ['upgrade', ['upgrade', 'gen1']],
    ['regenerate-certs', ['regenerate-certs', '-f', 'gen1']],
    ['ssh', ['ssh', 'gen1', 'true']],
  ])('berth %s exits non-zero with the reason when the link is cut after the banner or during login', async (_name, args) => {
    for (const cut of [100, Math.floor(readyAt * 0.9)]) {
      proxy.cutAfter(cut);
      const r = await berth(['-s', store, ...args]);
      expect(r.code, `cut after ${cut} bytes: ${r.stdout}${r.stderr}`).not.toBe(0);
      expect(r.stderr).toMatch(/connection (closed|was lost)|SSH to root@127\.0\.0\.1/);
    }
  });
});

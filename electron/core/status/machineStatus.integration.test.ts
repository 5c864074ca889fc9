import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../../e2e/fixtures/fixtureStore';
import { MachineService } from '../services/machineService';

/** A real TCP listener on loopback; `silent` ones accept and then never say a word. */
async function listen(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

async function freePort(): Promise<number> {
  const { server, port } = await listen();
  await new Promise((ok) => server.close(ok));
  return port;
}

describe('machine status against real sockets', () => {
  let store: string;
  let service: MachineService;
  const servers: Array<{ server: Server; sockets: Set<Socket> }> = [];

  beforeAll(async () => {
    store = await copyFixtureStore();
  });
  afterAll(async () => {
    await rm(store, { recursive: true, force: true });
  });
  afterEach(async () => {
    for (const { server, sockets } of servers.splice(0)) {
      sockets.forEach((s) => s.destroy());
      await new Promise((ok) => server.close(ok));
    }
  });

  async function pointGen1At(sshPort: number, enginePort: number, env: NodeJS.ProcessEnv = {}): Promise<void> {
    service = new MachineService(store, env);
    const rec = await service.record('gen1');
    rec.config.Driver.SSHPort = sshPort;
    rec.config.Driver.EnginePort = enginePort;
    await service.store.save(rec);
  }

  it('is Stopped with no error when the SSH port refuses (docker-machine generic semantics)', async () => {
    await pointGen1At(await freePort(), await freePort());
    const s = await service.status('gen1', { timeoutMs: 2000 });
    expect(s).toMatchObject({ state: 'Stopped', url: '', error: null, dockerVersion: 'Unknown', active: false });
    expect(s.detail).toMatch(/refused the connection/);
  });

  it('is Running with the Docker error when SSH answers but Docker refuses', async () => {
    const ssh = await listen();
    servers.push(ssh);
    const enginePort = await freePort();
    await pointGen1At(ssh.port, enginePort, { DOCKER_HOST: `tcp://127.0.0.1:${enginePort}` });
    const s = await service.status('gen1', { timeoutMs: 2000 });
    expect(s).toMatchObject({ state: 'Running', url: `tcp://127.0.0.1:${enginePort}`, dockerVersion: 'Unknown', active: true });
    expect(s.error).toBe(`Docker at tcp://127.0.0.1:${enginePort} refused the connection`);
  });

  it('gives up on a Docker port that accepts and never answers within the timeout', async () => {
    const ssh = await listen();
    const mute = await listen();
    servers.push(ssh, mute);
    await pointGen1At(ssh.port, mute.port);
    const started = Date.now();
    const s = await service.status('gen1', { timeoutMs: 1500 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(s).toMatchObject({ state: 'Running', dockerVersion: 'Unknown' });
    expect(s.error).toMatch(new RegExp(`^Docker at tcp://127.0.0.1:${mute.port} did not answer within \\d+ ms$`));
  });

  it('probes many machines in parallel: a dead one does not delay the others', async () => {
    const ssh = await listen();
    const mute = await listen();
    servers.push(ssh, mute);
    await pointGen1At(mute.port, mute.port); // gen1: everything hangs
    const rec = await service.record('gen2');
    rec.config.Driver.SSHPort = await freePort();
    await service.store.save(rec);
    const started = Date.now();
    const timings = new Map<string, number>();
    await Promise.all(
      ['gen1', 'gen2', 'deb1'].map((n) => service.status(n, { timeoutMs: 1500 }).then(() => timings.set(n, Date.now() - started))),
    );
    expect(timings.get('gen2')!).toBeLessThan(500);
    expect(timings.get('gen1')!).toBeGreaterThanOrEqual(1000);
    expect(timings.get('gen1')!).toBeLessThan(2500);
  });
});

import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { copyFixtureStore } from '../../e2e/fixtures/fixtureStore';
import type { StoreListing } from '../../shared/types';
import { type Core, createCore } from '../core/core';
import { nodePlatform } from '../core/platform/platform';
import { muteServer } from '../../e2e/hosts/zoo';
import { startWebHost, type WebHost } from './webHost';

const TOKEN = 'f'.repeat(64);

function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(port: number, opts: { token?: string; origin?: string; host?: string } = {}): Promise<WebSocket> {
  const protocols = ['berth.v1', ...(opts.token !== undefined ? [`berth-token.${opts.token}`] : [])];
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, protocols, {
    origin: opts.origin ?? `http://127.0.0.1:${port}`,
    headers: opts.host ? { host: opts.host } : {},
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, channel: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const msg = JSON.parse(String(data)) as { id?: number; envelope?: unknown };
      if (msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg.envelope);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, payload }));
  });
}

describe('browser-host web server', () => {
  let store: string;
  let renderer: string;
  let core: Core;
  let host: WebHost;

  beforeAll(async () => {
    store = await copyFixtureStore({ corrupt: 'broken' });
    renderer = await mkdtemp(join(tmpdir(), 'berth-renderer-'));
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Berth</title>');
    core = createCore({ storePath: store, platform: nodePlatform, env: {} });
    host = await startWebHost({ core, rendererDir: renderer, token: TOKEN, port: 0 });
  });
  afterAll(async () => {
    await host.close();
    core.close();
    await rm(store, { recursive: true, force: true });
    await rm(renderer, { recursive: true, force: true });
  });

  it('listens on loopback and prints the URL with the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${TOKEN}`);
  });

  it('serves the renderer with a strict CSP', async () => {
    const r = await get(host.port, '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Berth</title>');
    expect(r.headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    ['/../../etc/passwd', 404],
    ['/%2e%2e/%2e%2e/etc/passwd', 404],
    ['/missing.js', 404],
  ])('does not serve %s', async (path, status) => {
    expect((await get(host.port, path)).status).toBe(status);
  });

  it('refuses HTTP requests for another Host (DNS rebinding)', async () => {
    expect((await get(host.port, '/', `evil.example:${host.port}`)).status).toBe(403);
  });

  it.each([
    ['a wrong token', { token: 'e'.repeat(64) }, 'HTTP 401'],
    ['no token', {}, 'HTTP 401'],
    ['a foreign Origin', { token: TOKEN, origin: 'http://evil.example' }, 'HTTP 403'],
    ['a foreign Host', { token: TOKEN, host: 'localhost:1' }, 'HTTP 403'],
  ])('refuses a WebSocket with %s', async (_why, opts, message) => {
    await expect(connect(host.port, opts)).rejects.toThrow(message);
  });

  it('answers the IPC contract over the WebSocket', async () => {
    const ws = await connect(host.port, { token: TOKEN });
    const listing = (await call(ws, 1, 'machines.list', {})) as { ok: true; value: StoreListing };
    expect(listing.ok).toBe(true);
    expect(listing.value.machines.map((m) => [m.name, m.driverName, m.error === null])).toEqual([
      ['broken', '', false],
      ['deb1', 'generic', true],
      ['gen1', 'generic', true],
      ['gen2', 'generic', true],
    ]);
    expect(await call(ws, 2, 'machine.env', { name: 'nope nope', shell: 'bash', unset: false, noProxy: false })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    expect(await call(ws, 3, 'clipboard.writeText', { text: 'x' })).toEqual({ ok: true, value: { copied: false } });
    ws.close();
  });

  it('pushes machines.changed when another tool writes the store', async () => {
    const ws = await connect(host.port, { token: TOKEN });
    const event = new Promise<unknown>((resolve) =>
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { event?: string };
        if (msg.event) resolve(msg);
      }),
    );
    await mkdir(join(store, 'machines', 'fresh'));
    await cp(join(store, 'machines', 'gen1', 'config.json'), join(store, 'machines', 'fresh', 'config.json'));
    expect(await event).toEqual({ event: 'machines.changed', payload: { names: ['fresh'], all: false } });
    ws.close();
  });

  it('closes a socket that sends garbage', async () => {
    const ws = await connect(host.port, { token: TOKEN });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1003);
  });

  it('closes terminals that finish opening after their page went away (20 opens racing a disconnect leave 0 shells)', async () => {
    const ws = await connect(host.port, { token: TOKEN });
    for (let id = 1; id <= 20; id++) ws.send(JSON.stringify({ id, channel: 'terminal.open', payload: { kind: 'local', machine: 'gen1', cols: 80, rows: 24 } }));
    ws.terminate();
    await new Promise((r) => setTimeout(r, 1500));
    await expect.poll(() => core.openTerminals(), { timeout: 10_000 }).toBe(0);
  });

  it('holds at most 32 terminals per page and answers more with BUSY', async () => {
    const ws = await connect(host.port, { token: TOKEN });
    const opens = Array.from({ length: 33 }, (_, i) => call(ws, i + 1, 'terminal.open', { kind: 'local', machine: 'gen1', cols: 80, rows: 24 }));
    const results = (await Promise.all(opens)) as { ok: boolean; error?: { code: string } }[];
    expect(results.filter((r) => r.ok)).toHaveLength(32);
    expect(results.filter((r) => !r.ok).map((r) => r.error!.code)).toEqual(['BUSY']);
    ws.close();
    await expect.poll(() => core.openTerminals(), { timeout: 10_000 }).toBe(0);
  });

  it('answers requests beyond 64 in flight on one page with BUSY, and serves the page again once they end', async () => {
    // A host that accepts and never speaks keeps each status probe in flight for its whole timeout.
    const mute = await muteServer();
    const dir = join(store, 'machines', 'mute');
    await mkdir(dir);
    const config = JSON.parse(await readFile(join(store, 'machines', 'gen1', 'config.json'), 'utf8'));
    Object.assign(config.Driver, { MachineName: 'mute', SSHPort: mute.port, EnginePort: mute.port });
    await writeFile(join(dir, 'config.json'), JSON.stringify({ ...config, Name: 'mute' }));
    const ws = await connect(host.port, { token: TOKEN });
    try {
      const calls = Array.from({ length: 70 }, (_, i) => call(ws, 100 + i, 'machine.status', { name: 'mute', timeoutMs: 1500 }));
      const results = (await Promise.all(calls)) as { ok: boolean; error?: { code: string } }[];
      expect(results.filter((r) => !r.ok && r.error!.code === 'BUSY')).toHaveLength(6);
      expect(results.filter((r) => r.ok)).toHaveLength(64);
      expect(await call(ws, 999, 'machines.list', {})).toMatchObject({ ok: true });
    } finally {
      ws.close();
      await mute.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("sends a terminal's output to its own page only, and a page that goes away (a reload) leaks no shell", async () => {
    const page1 = await connect(host.port, { token: TOKEN });
    const page2 = await connect(host.port, { token: TOKEN });
    let output = '';
    page1.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { event?: string; payload?: { data?: string } };
      if (msg.event === 'terminal.data') output += msg.payload!.data;
    });
    const toPage2: string[] = [];
    page2.on('message', (data) => toPage2.push(String(data)));
    const opened = (await call(page1, 1, 'terminal.open', { kind: 'local', machine: 'gen1', cols: 80, rows: 24 })) as { ok: true; value: { id: string } };
    expect(opened.ok).toBe(true);
    const { id } = opened.value;
    await call(page1, 2, 'terminal.input', { id, data: 'echo "pid=$$"\r' });
    await expect.poll(() => /pid=(\d+)/.exec(output)?.[1], { timeout: 10_000 }).toBeDefined();
    const pid = Number(/pid=(\d+)/.exec(output)![1]);
    expect(() => process.kill(pid, 0)).not.toThrow();
    // Another page can neither type into it nor read it.
    expect(await call(page2, 1, 'terminal.input', { id, data: 'exit\r' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(toPage2.filter((m) => m.includes('terminal.'))).toEqual([]);
    page1.close();
    await expect
      .poll(
        () => {
          try {
            process.kill(pid, 0);
            return 'alive';
          } catch {
            return 'gone';
          }
        },
        { timeout: 10_000 },
      )
      .toBe('gone');
    page2.close();
  });
});

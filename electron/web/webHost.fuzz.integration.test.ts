import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { connect as tcp, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../e2e/fixtures/fixtureStore';
import { type BerthWeb, startBerthWeb } from '../../e2e/support/berthWeb';

// Whatever a local process sends, the browser host (a real `npm run web` process) stays up and
// answers. Every case runs on loopback, is bounded in count, and ends by itself.

const BERTH_WEB = fileURLToPath(new URL('../../bin/berth-web.mjs', import.meta.url));
let store: string;
let web: BerthWeb;
let port: number;

beforeAll(async () => {
  store = await copyFixtureStore();
  web = await startBerthWeb(store);
  port = Number(new URL(web.origin).port);
});
afterAll(async () => {
  await web?.stop();
  await rm(store, { recursive: true, force: true });
});

function upgradeRequest(opts: { token?: string; origin?: string } = {}): string {
  return [
    'GET /ws HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    `Sec-WebSocket-Protocol: berth.v1, berth-token.${opts.token ?? web.token}`,
    `Origin: ${opts.origin ?? web.origin}`,
    '',
    '',
  ].join('\r\n');
}

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = tcp(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

/** Sends `bytes` (after an optional delay for the server to act), then a TCP reset. */
async function sendAndReset(bytes: Buffer | string, waitMs = 0): Promise<void> {
  const s = await open();
  s.on('error', () => undefined);
  s.write(bytes);
  if (waitMs) await new Promise((r) => setTimeout(r, waitMs));
  s.resetAndDestroy();
}

/** An authenticated raw WebSocket: the 101 has been read; frames are ours to craft. */
async function authenticated(): Promise<Socket> {
  const s = await open();
  s.on('error', () => undefined);
  s.write(upgradeRequest());
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (c: Buffer): void => {
      head += c.toString('latin1');
      if (head.includes('\r\n\r\n')) {
        s.off('data', onData);
        if (head.startsWith('HTTP/1.1 101')) resolve();
        else reject(new Error(head.split('\r\n')[0]));
      }
    };
    s.on('data', onData);
  });
  return s;
}

/** A client frame: FIN/RSV/opcode byte, then the length as given, masked unless told otherwise. */
function frame(first: number, payload: Buffer, opts: { mask?: boolean; length?: bigint } = {}): Buffer {
  const mask = opts.mask ?? true;
  const len = opts.length ?? BigInt(payload.length);
  let header: Buffer;
  if (len < 126n) header = Buffer.from([first, (mask ? 0x80 : 0) | Number(len)]);
  else if (len < 65536n) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = (mask ? 0x80 : 0) | 126;
    header.writeUInt16BE(Number(len), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (mask ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(len, 2);
  }
  if (!mask) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([header, key, body]);
}

/** The host still serves the page and answers the IPC contract. */
async function expectAnswering(): Promise<void> {
  const res = await fetch(`${web.origin}/`);
  expect(res.status).toBe(200);
  const s = await authenticated();
  const reply = new Promise<string>((resolve) => s.on('data', (c: Buffer) => resolve(c.toString('latin1'))));
  s.write(frame(0x81, Buffer.from(JSON.stringify({ id: 1, channel: 'machines.list', payload: {} }))));
  expect(await reply).toContain('"gen1"');
  s.destroy();
}

describe('browser host start-up and children', () => {
  it('refuses a BERTH_TOKEN shorter than 32 hex characters, saying how to make one', () => {
    const run = spawnSync(process.execPath, [BERTH_WEB, '-s', store], { env: { ...process.env, BERTH_TOKEN: 'a' }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('berth web: BERTH_TOKEN must be at least 32 hex characters (e.g. openssl rand -hex 32); leave it unset for a random one\n');
  });

  it('never passes its token (or any BERTH_ variable) to a Shell tab', async () => {
    const s = await authenticated();
    let seen = '';
    s.on('data', (c: Buffer) => (seen += c.toString('latin1')));
    s.write(frame(0x81, Buffer.from(JSON.stringify({ id: 1, channel: 'terminal.open', payload: { kind: 'local', machine: 'gen1', cols: 80, rows: 24 } }))));
    await expect.poll(() => /"id":"([0-9a-f]{32})"/.exec(seen)?.[1], { timeout: 10_000 }).toBeDefined();
    const id = /"id":"([0-9a-f]{32})"/.exec(seen)![1];
    const input = { id: 2, channel: 'terminal.input', payload: { id, data: 'echo "token=[$BERTH_TOKEN] vars=[$(env | grep -c ^BERTH_)]"\r' } };
    s.write(frame(0x81, Buffer.from(JSON.stringify(input))));
    await expect.poll(() => /token=\[([^\]]*)\] vars=\[(\d+)\]/.exec(seen.replace(/\\u001b\[[0-9;?]*[a-zA-Z]/g, ''))?.slice(1), { timeout: 10_000 }).toEqual(['', '0']);
    s.destroy();
  });
});

describe('browser host under hostile local traffic', () => {
  it('survives resets at every stage of the handshake, with and without the token', async () => {
    const full = upgradeRequest();
    const cases: [string, Buffer | string, number][] = [
      ['half a request line', 'GET /w', 0],
      ['half the headers', full.slice(0, 60), 0],
      ['a wrong token', upgradeRequest({ token: 'e'.repeat(64) }), 0],
      ['a wrong token, reset after the refusal', upgradeRequest({ token: 'e'.repeat(64) }), 20],
      ['a foreign Origin', upgradeRequest({ origin: 'http://evil.example' }), 0],
      ['raw garbage', randomBytes(512), 0],
      ['a good upgrade', full, 0],
      ['a good upgrade, reset after the 101', full, 20],
    ];
    for (let round = 0; round < 25; round++) {
      await Promise.all(cases.map(([, bytes, wait]) => sendAndReset(bytes, wait)));
    }
    await expectAnswering();
  });

  it.each([
    ['a frame over 2 MB', frame(0x82, Buffer.alloc(16), { length: 5n * 1024n * 1024n })],
    ['invalid UTF-8 text', frame(0x81, Buffer.from([0xc3, 0x28, 0xff]))],
    ['RSV1 set', frame(0xc1, Buffer.from('{}'))],
    ['opcode 3', frame(0x83, Buffer.from('x'))],
    ['close code 999', frame(0x88, Buffer.from([0x03, 0xe7]))],
    ['a fragmented ping', frame(0x09, Buffer.from('x'))],
    ['an unmasked frame', frame(0x81, Buffer.from('{}'), { mask: false })],
    ['a 2^63 length', frame(0x82, Buffer.alloc(0), { length: 1n << 63n })],
    ['a JSON message that is not one', frame(0x81, Buffer.from('[1,2]'))],
  ])('survives %s after the handshake', async (_name, bytes) => {
    const s = await authenticated();
    // The server's close frame (or its reset) is the answer; our side need not finish the closing handshake.
    const answered = new Promise<void>((resolve) => {
      s.on('data', () => resolve());
      s.on('close', () => resolve());
    });
    s.write(bytes);
    await answered;
    s.destroy();
    await expectAnswering();
  });

  it('survives a few thousand random frames, resets included', async () => {
    for (let conn = 0; conn < 100; conn++) {
      const s = await authenticated();
      for (let i = 0; i < 25; i++) {
        const first = randomBytes(1)[0]!;
        s.write(frame(first, randomBytes(randomBytes(1)[0]! % 200), { mask: i % 7 !== 0 }));
      }
      if (conn % 2) s.resetAndDestroy();
      else s.destroy();
    }
    await expectAnswering();
  });
});

import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { freeLoopbackPort } from '../../electron/core/net/freePort';

/** Bad hosts for error-path tests, all on loopback and made by the test itself. */

/** A port nothing listens on: connecting is refused at once. */
export const refusingPort = freeLoopbackPort;

/** Accepts TCP connections and never says a word (a hung daemon). */
export async function muteServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => sockets.add(s));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * An address whose connects never complete (as behind a firewall that drops packets): a listener
 * with a tiny backlog in a stopped process, its queue filled, so the kernel drops further SYNs.
 */
export async function blackHole(): Promise<{ host: string; port: number; close(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['-e', "const s=require('net').createServer();s.listen({port:0,host:'127.0.0.1',backlog:1},()=>{console.log(s.address().port);process.kill(process.pid,'SIGSTOP')})"],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
    child.once('exit', (code) => reject(new Error(`black hole helper exited with ${code}`)));
  });
  // Only a stopped process stops accepting; then fill its queue until a connect no longer completes.
  const stopped = async (): Promise<boolean> => / T /.test(await readFile(`/proc/${child.pid}/stat`, 'utf8').catch(() => ''));
  while (!(await stopped())) await new Promise((r) => setTimeout(r, 10));
  const fillers: Socket[] = [];
  for (;;) {
    const s = connect(port, '127.0.0.1');
    const completed = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 300);
      s.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!completed) {
      s.destroy();
      break;
    }
    fillers.push(s);
  }
  return {
    host: '127.0.0.1',
    port,
    close: async () => {
      fillers.forEach((f) => f.destroy());
      child.kill('SIGKILL');
      await new Promise((ok) => child.once('exit', ok));
    },
  };
}

/**
 * A TCP proxy in front of `port` that forwards both ways and cuts the connection (FIN to the
 * client, the upstream destroyed) once `afterBytes` have passed in total: a link that dies mid-way.
 * `cutAfter` changes it for the next connections (Infinity: never); `lastBytes` is what the last
 * connection carried so far.
 */
export async function cuttingProxy(
  port: number,
  afterBytes = Infinity,
): Promise<{ port: number; cutAfter(n: number): void; lastBytes(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let last = { passed: 0 };
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    const limit = afterBytes;
    const counter = { passed: 0 };
    last = counter;
    const cut = (): void => {
      client.end();
      upstream.destroy();
    };
    const relay = (from: Socket, to: Socket): void => {
      from.on('data', (chunk: Buffer) => {
        const room = limit - counter.passed;
        if (room <= 0) return;
        counter.passed += chunk.length;
        to.write(room >= chunk.length ? chunk : chunk.subarray(0, room));
        if (counter.passed >= limit) cut();
      });
    };
    relay(client, upstream);
    relay(upstream, client);
    for (const s of [client, upstream]) {
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        cut();
      });
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    cutAfter: (n) => (afterBytes = n),
    lastBytes: () => last.passed,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise((ok) => server.close(ok));
    },
  };
}

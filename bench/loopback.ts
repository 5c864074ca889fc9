import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A loopback listener that accepts and never speaks (an SSH port that answers, or a black hole). */
export async function listen(): Promise<{ server: Server; port: number }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => sockets.add(s));
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, port: (server.address() as AddressInfo).port };
}

/** A loopback port nothing listens on: connections are refused. */
export async function closedPort(): Promise<number> {
  const { server, port } = await listen();
  await new Promise((ok) => server.close(ok));
  return port;
}

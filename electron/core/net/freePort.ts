import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A loopback port free right now (the kernel's pick), for a VM's forwards. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise((ok) => server.close(ok));
  return port;
}

/**
 * `count` distinct loopback ports, free now and not in `avoid` (the ports other machines recorded:
 * a stopped VM's forwards are not bound, yet it takes them back when it starts).
 */
export async function freeLoopbackPorts(count: number, avoid: ReadonlySet<number> = new Set(), next = freeLoopbackPort): Promise<number[]> {
  const picked: number[] = [];
  while (picked.length < count) {
    const port = await next();
    if (!avoid.has(port) && !picked.includes(port)) picked.push(port);
  }
  return picked;
}

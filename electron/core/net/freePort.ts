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

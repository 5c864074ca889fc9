import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeedServer {
  port: number;
  /** The seed's URL as a QEMU guest on user-mode networking sees it (10.0.2.2 is the host's loopback). */
  guestUrl: string;
  close(): void;
}

/** Serves a seed (cloudInit/seed.ts) on loopback as cloud-init's NoCloud-Net: QEMU's user network reaches it, no image to make. */
export async function serveSeed(files: Record<string, string>): Promise<SeedServer> {
  const server = createServer((req, res) => {
    const name = (req.url ?? '').slice(1);
    const body = Object.hasOwn(files, name) ? files[name] : undefined;
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return { port, guestUrl: `http://10.0.2.2:${port}/`, close: () => server.close() };
}

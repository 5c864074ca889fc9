import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeedServer {
  port: number;
  /** The seed's URL as a QEMU guest on user-mode networking sees it (10.0.2.2 is the host's loopback). */
  guestUrl: string;
  close(): void;
}

/** cloud-init's NoCloud-Net seed: the user with its key and NOPASSWD sudo, and the host name. */
export function seedFiles(hostname: string, user: string, publicKey: string): Record<string, string> {
  return {
    '/meta-data': `instance-id: ${hostname}\nlocal-hostname: ${hostname}\n`,
    '/user-data': ['#cloud-config', 'users:', `  - name: ${user}`, '    sudo: ALL=(ALL) NOPASSWD:ALL', '    shell: /bin/bash', '    ssh_authorized_keys:', `      - ${publicKey}`, ''].join('\n'),
    '/vendor-data': '',
  };
}

/** Serves a seed on loopback, without tools the user may lack (no ISO or FAT image to make). */
export async function serveSeed(files: Record<string, string>): Promise<SeedServer> {
  const server = createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return { port, guestUrl: `http://10.0.2.2:${port}/`, close: () => server.close() };
}

import { connect } from 'node:net';

export type TcpProbeResult =
  | { kind: 'open' }
  | { kind: 'refused' }
  | { kind: 'timeout' }
  | { kind: 'error'; message: string };

/** One TCP connect, closed at once: the cheap, honest "is it up" docker-machine's generic driver uses. */
export function probeTcp(host: string, port: number, timeoutMs: number): Promise<TcpProbeResult> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: TcpProbeResult): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ kind: 'timeout' }), timeoutMs);
    socket.once('connect', () => done({ kind: 'open' }));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') done({ kind: 'refused' });
      else done({ kind: 'error', message: err.code ? `${err.code} (${err.message})` : err.message });
    });
  });
}

/** host:port with IPv6 literals bracketed, like Go's net.JoinHostPort. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

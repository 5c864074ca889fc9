import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Client, ClientChannel } from 'ssh2';

/** One `-L` (listen here, connect from the machine) or `-R` (listen on the machine, connect from here). */
export interface ForwardSpec {
  kind: 'L' | 'R';
  bindHost: string;
  bindPort: number;
  host: string;
  hostPort: number;
}

/** Joins a TCP socket and an SSH channel both ways; either end closing or failing ends both. */
function splice(socket: Socket, channel: ClientChannel): void {
  const end = (): void => {
    socket.destroy();
    channel.close();
  };
  socket.on('error', end);
  channel.on('error', end);
  socket.pipe(channel).pipe(socket);
  socket.once('close', end);
  channel.once('close', end);
}

function localForward(client: Client, f: ForwardSpec, warn: (text: string) => void): Promise<Server> {
  const server = createServer((socket) => {
    client.forwardOut(socket.remoteAddress ?? '127.0.0.1', socket.remotePort ?? 0, f.host, f.hostPort, (err, channel) => {
      if (err) {
        warn(`channel for -L ${f.bindPort}: open failed: ${err.message}\n`);
        socket.destroy();
        return;
      }
      splice(socket, channel);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err) => reject(new Error(`-L ${f.bindHost}:${f.bindPort}: cannot listen: ${err.message}`)));
    server.listen(f.bindPort, f.bindHost, () => {
      server.on('error', (err) => warn(`-L ${f.bindPort}: ${err.message}\n`));
      resolve(server);
    });
  });
}

function remoteForward(client: Client, f: ForwardSpec): Promise<void> {
  return new Promise((resolve, reject) => {
    client.forwardIn(f.bindHost, f.bindPort, (err) => (err ? reject(new Error(`-R ${f.bindHost}:${f.bindPort}: the machine refused to listen: ${err.message}`)) : resolve()));
  });
}

/**
 * OpenSSH's -L and -R over Berth's own connection. Resolves once every listener is up (a port in use
 * fails the command, as `ssh -o ExitOnForwardFailure=yes` would); returns a function that stops them.
 */
export async function startForwards(client: Client, specs: ForwardSpec[], warn: (text: string) => void): Promise<() => void> {
  const remote = specs.filter((f) => f.kind === 'R');
  if (remote.length > 0) {
    client.on('tcp connection', (info, accept, rejectConnection) => {
      const f = remote.find((r) => r.bindPort === info.destPort);
      if (!f) return rejectConnection();
      const socket = connect(f.hostPort, f.host);
      const refused = (err: Error): void => {
        warn(`-R ${f.bindPort}: connect to ${f.host}:${f.hostPort} failed: ${err.message}\n`);
        rejectConnection();
      };
      socket.once('error', refused);
      socket.once('connect', () => {
        socket.off('error', refused);
        splice(socket, accept());
      });
    });
  }
  const servers: Server[] = [];
  const stop = (): void => {
    for (const s of servers) s.close();
  };
  try {
    for (const f of specs) {
      if (f.kind === 'L') servers.push(await localForward(client, f, warn));
      else await remoteForward(client, f);
    }
  } catch (err) {
    stop();
    throw err;
  }
  return stop;
}

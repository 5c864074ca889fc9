import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PROTOCOL, type WsServerMessage } from '../../shared/ipc';
import type { Core } from '../core/core';
import { checkUpgrade, SECURITY_HEADERS } from './security';
import { readStatic } from './staticFiles';

export interface WebHostOptions {
  core: Core;
  rendererDir: string;
  token: string;
  /** 0 picks a free port. */
  port: number;
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
/** Larger frames are refused (1009); the page sends terminal input in smaller pieces. */
export const MAX_PAYLOAD = 2 * 1024 * 1024;

function send(ws: WebSocket, message: WsServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

function isClientMessage(v: unknown): v is { id: number; channel: string; payload: unknown } {
  const m = v as { id?: unknown; channel?: unknown } | null;
  return typeof m === 'object' && m !== null && Number.isSafeInteger(m.id) && typeof m.channel === 'string';
}

/**
 * Browser-host mode: the built renderer and the IPC contract over a WebSocket, on loopback only.
 * Every HTTP request must name the served Host (no DNS rebinding); the WebSocket also needs the
 * page's Origin and the token.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const root = resolve(opts.rendererDir);
  let servedHost = '';
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD, handleProtocols: () => WS_PROTOCOL });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      if (req.headers.host !== servedHost) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden: unknown Host\n');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const file = await readStatic(root, req.url ?? '/');
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
        return;
      }
      res.writeHead(200, { 'content-type': file.type, ...SECURITY_HEADERS, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })();
  });

  // A malformed request or a reset from any local process must never reach an unhandled 'error'.
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const verdict = checkUpgrade(req, servedHost, opts.token);
    if (!verdict.ok) {
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.reason}\r\nConnection: close\r\n\r\n`, () => socket.destroy());
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  wss.on('connection', (ws: WebSocket) => {
    // One core connection per socket: a reloaded or closed page ends its terminals.
    const client = opts.core.connect((event, payload) => send(ws, { event, payload }));
    // A protocol error (bad frame, invalid UTF-8, over maxPayload): ws closes with its code (1002, 1007,
    // 1009) by itself; without a listener the 'error' event would end the process.
    ws.on('error', () => undefined);
    ws.on('close', () => client.close());
    ws.on('message', (data) => {
      let message: unknown;
      try {
        message = JSON.parse(String(data));
      } catch {
        ws.close(1003, 'invalid JSON');
        return;
      }
      if (!isClientMessage(message)) {
        ws.close(1003, 'invalid message');
        return;
      }
      void client.dispatch(message.channel, message.payload).then((envelope) => send(ws, { id: message.id, envelope }));
    });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, LOOPBACK, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  servedHost = `${LOOPBACK}:${port}`;
  return {
    port,
    url: `http://${servedHost}/#token=${opts.token}`,
    close: () =>
      new Promise<void>((ok) => {
        wss.clients.forEach((c) => c.terminate());
        wss.close();
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

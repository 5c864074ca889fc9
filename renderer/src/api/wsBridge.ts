import {
  type Bridge,
  type Envelope,
  WS_PROTOCOL,
  WS_TOKEN_PROTOCOL_PREFIX,
  type WsClientMessage,
  type WsServerMessage,
} from '../../../shared/ipc';

const failure = (message: string): Envelope<unknown> => ({ ok: false, error: { code: 'UNREACHABLE', message } });

export const REFUSED_MESSAGE =
  'Berth refused this page: the link\'s token is missing or wrong. Open the exact URL that "npm run web" printed.';

/**
 * Browser-host transport: the IPC contract over one WebSocket to the page's own origin, opened with
 * the token from the URL fragment (fragments never reach servers or logs).
 */
export function createWsBridge(host: string, token: string): Bridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, (e: Envelope<unknown>) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let everOpened = false;

  const connect = (): WebSocket => {
    const ws = new WebSocket(`ws://${host}/ws`, [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${token}`]);
    ws.onopen = () => {
      everOpened = true;
    };
    ws.onmessage = (ev: MessageEvent<string>) => {
      const msg = JSON.parse(ev.data) as WsServerMessage;
      if ('id' in msg) {
        pending.get(msg.id)?.(msg.envelope);
        pending.delete(msg.id);
      } else {
        listeners.get(msg.event)?.forEach((l) => l(msg.payload));
      }
    };
    ws.onclose = () => {
      const why = everOpened ? 'Lost the connection to Berth; reload the page.' : REFUSED_MESSAGE;
      pending.forEach((resolve) => resolve(failure(why)));
      pending.clear();
      socket = null;
    };
    return ws;
  };

  const ready = (): Promise<WebSocket> => {
    socket ??= connect();
    const ws = socket;
    if (ws.readyState === WebSocket.OPEN) return Promise.resolve(ws);
    return new Promise((resolve, reject) => {
      ws.addEventListener('open', () => resolve(ws), { once: true });
      ws.addEventListener('close', () => reject(new Error(everOpened ? 'closed' : REFUSED_MESSAGE)), { once: true });
    });
  };

  return {
    async invoke(channel, payload) {
      let ws: WebSocket;
      try {
        ws = await ready();
      } catch (err) {
        return failure((err as Error).message === 'closed' ? 'Lost the connection to Berth; reload the page.' : REFUSED_MESSAGE);
      }
      const id = nextId++;
      return new Promise<Envelope<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, channel, payload } satisfies WsClientMessage));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      void ready().catch(() => undefined); // events flow only over an open socket
      return () => set.delete(listener);
    },
  };
}

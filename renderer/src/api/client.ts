import type { Bridge, Channel, ErrorCode, EventName, Events, RequestOf, ResponseOf } from '../../../shared/ipc';
import { createWsBridge } from './wsBridge';

export class IpcError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface Client {
  invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/** The renderer's one typed door to the core, whatever carries the messages. */
export function createClient(bridge: Bridge): Client {
  return {
    async invoke(channel, payload) {
      const envelope = await bridge.invoke(channel, payload);
      if (!envelope.ok) throw new IpcError(envelope.error.code, envelope.error.message);
      return envelope.value as ResponseOf<typeof channel>;
    },
    on(event, listener) {
      return bridge.on(event, (p) => listener(p as Events[typeof event]));
    },
  };
}

const TOKEN_KEY = 'berth-token';

/** Electron's preload provides `window.bridge`; in a plain browser the page talks WebSocket. */
function pickBridge(): Bridge {
  const preloaded = (window as unknown as { bridge?: Bridge }).bridge;
  if (preloaded) return preloaded;
  // The token leaves the address bar (and so history and screenshots) once read; this tab keeps it
  // for reloads in sessionStorage, which no other tab or site can read.
  const fromUrl = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
  }
  return createWsBridge(window.location.host, fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '');
}

export const api: Client = createClient(pickBridge());

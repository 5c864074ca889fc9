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

/** Electron's preload provides `window.bridge`; in a plain browser the page talks WebSocket. */
function pickBridge(): Bridge {
  const preloaded = (window as unknown as { bridge?: Bridge }).bridge;
  if (preloaded) return preloaded;
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  return createWsBridge(window.location.host, token);
}

export const api: Client = createClient(pickBridge());

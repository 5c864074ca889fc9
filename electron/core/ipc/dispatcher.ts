import { type Channel, type Envelope, type RequestOf, type ResponseOf, requestSchemas } from '../../../shared/ipc';
import type { Caller } from '../core';
import { toIpcError } from '../errors';

export type Handlers = { [C in Channel]: (payload: RequestOf<C>, caller: Caller) => Promise<ResponseOf<C>> };

export type Dispatch = (channel: string, payload: unknown, caller: Caller) => Promise<Envelope<unknown>>;

function isChannel(channel: string): channel is Channel {
  return Object.hasOwn(requestSchemas, channel);
}

/**
 * The single entry for every transport: allowlisted channel → validated payload → handler →
 * envelope. Nothing a renderer sends reaches a handler unchecked, and no exception crosses a transport.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (channel, payload, caller) => {
    if (typeof channel !== 'string' || !isChannel(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel "${String(channel)}"` } };
    }
    const parsed = requestSchemas[channel].safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'INVALID_PAYLOAD', message: `Invalid payload for "${channel}": ${issues}` } };
    }
    try {
      const handler = handlers[channel] as (p: unknown, c: Caller) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, caller) };
    } catch (err) {
      return { ok: false, error: toIpcError(err) };
    }
  };
}

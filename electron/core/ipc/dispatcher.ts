import { type Channel, type Envelope, type RequestOf, type ResponseOf, requestSchemas } from '../../../shared/ipc';
import type { Caller } from '../core';
import { toIpcError } from '../errors';
import type { CoreLog } from '../log/coreLog';

export type Handlers = { [C in Channel]: (payload: RequestOf<C>, caller: Caller) => Promise<ResponseOf<C>> };

export type Dispatch = (channel: string, payload: unknown, caller: Caller) => Promise<Envelope<unknown>>;

function isChannel(channel: string): channel is Channel {
  return Object.hasOwn(requestSchemas, channel);
}

/**
 * The single entry for every transport: allowlisted channel → validated payload → handler →
 * envelope. Nothing a renderer sends reaches a handler unchecked, and no exception crosses a transport.
 */
/** Channels that run a long action on a machine: their outcome goes to the core log. */
const ACTIONS = new Set<string>(['machine.create', 'machine.createQemu', 'machine.createNone', 'machine.createVirtualbox', 'machines.import', 'machine.provision', 'machine.remove', 'machine.power', 'machine.regenerateCerts', 'machine.upgrade']);

export function createDispatcher(handlers: Handlers, log?: CoreLog): Dispatch {
  return async (channel, payload, caller) => {
    if (typeof channel !== 'string' || !isChannel(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel "${String(channel)}"` } };
    }
    const parsed = requestSchemas[channel].safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'INVALID_PAYLOAD', message: `Invalid payload for "${channel}": ${issues}` } };
    }
    const subject = (parsed.data as { name?: string; request?: { name?: string }; action?: string }) ?? {};
    const what = `${channel}${subject.action ? ` ${subject.action}` : ''} "${subject.name ?? subject.request?.name ?? ''}"`;
    try {
      const handler = handlers[channel] as (p: unknown, c: Caller) => Promise<unknown>;
      const value = await handler(parsed.data, caller);
      if (ACTIONS.has(channel)) log?.write('info', `${what}: succeeded`);
      return { ok: true, value };
    } catch (err) {
      const error = toIpcError(err);
      // A bug is logged with its stack; a named failure (unreachable, refused…) with its message.
      if (error.code === 'INTERNAL') log?.write('error', `${what}: INTERNAL ${String((err as Error)?.stack ?? err)}`);
      else if (ACTIONS.has(channel)) log?.write('warn', `${what}: ${error.code} ${error.message}`);
      return { ok: false, error };
    }
  };
}

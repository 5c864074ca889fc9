import { randomBytes } from 'node:crypto';
import { ACTION_LABEL, type ActionKind, type ActionSummary } from '../../../shared/types';
import type { EventSink } from '../core';
import { BerthError } from '../errors';
import { maskProgress } from '../format/maskSecrets';
import type { LongActionHooks } from '../services/provisioning';
import { closingOnAbort, type LongActions } from '../services/longActions';
import type { MachineService } from '../services/machineService';
import { ActionRegistry } from './actionRegistry';
import { type ActionSecrets, runAction } from './actionRunners';

/** How many machines a fleet action works on at once. */
export const FLEET_LIMIT = 4;


export interface FleetResult {
  machine: string;
  ok: boolean;
  message: string;
  id: string | null;
}

/**
 * Long actions as the core runs them for every window: one after another per machine (the lock),
 * each recorded in the registry with its steps and log and broadcast with its id, cancellable by id,
 * retried with the same kind and parameters, and started on several machines at once as a group.
 */
export class TrackedActions {
  readonly registry: ActionRegistry;

  constructor(
    private readonly machines: MachineService,
    private readonly locks: LongActions,
    private readonly broadcast: EventSink,
  ) {
    this.registry = new ActionRegistry({
      started: (action) => broadcast('action.started', { action }),
      progress: (id, event) => broadcast('action.progress', { id, event }),
      ended: (action) => broadcast('action.ended', { action }),
    });
  }

  /** Runs `work` as a recorded action of `kind` on the machine; `params` are kept (secrets masked) for Retry. */
  run<T>(kind: ActionKind, machine: string, params: Record<string, unknown>, work: (h: LongActionHooks) => Promise<T>, opts: { group?: string; message?: (r: T) => string | null; onStart?: (id: string) => void } = {}): Promise<T> {
    return this.locks.run(
      machine,
      async (lockSignal) => {
        const handle = this.registry.begin(kind, machine, params, { group: opts.group ?? null, signal: lockSignal });
        opts.onStart?.(handle.id);
        // Cancel (by id or by machine) ends the action at once: its SSH connections close with the signal.
        const hooks: LongActionHooks = {
          onProgress: (e) => {
            const masked = maskProgress(e);
            this.broadcast('machine.progress', masked);
            handle.progress(masked);
          },
          signal: handle.signal,
          onConnected: closingOnAbort(handle.signal),
        };
        try {
          const result = await work(hooks);
          handle.succeeded(opts.message?.(result) ?? null);
          return result;
        } catch (err) {
          handle.failed(err);
          throw err;
        }
      },
    );
  }

  /** The machine's Cancel: its running action and those waiting for it. */
  cancelMachine(machine: string): boolean {
    return this.locks.cancel(machine);
  }

  /** The same kind of action again, with the parameters it had (a failed restart retries restart). */
  async retry(id: string, secrets: ActionSecrets): Promise<ActionSummary> {
    const old = this.registry.get(id);
    if (!old) throw new BerthError('NOT_FOUND', 'That task is no longer kept: start the action again');
    if (old.state === 'running') throw new BerthError('BUSY', `${ACTION_LABEL[old.kind]} of ${old.machine} is still running`);
    let newId = '';
    await this.run(old.kind === 'create' ? 'provision' : old.kind, old.machine, old.params, (h) => runAction(this.machines, old.kind, old.machine, old.params, secrets, h), {
      group: old.group ?? undefined,
      message: (r) => r.message,
      onStart: (started) => (newId = started),
    }).catch(() => undefined);
    return this.registry.get(newId)!;
  }

  /** One action per machine, FLEET_LIMIT at a time, as one group; every machine gets its result. */
  async fleet(kind: ActionKind, names: string[], params: Record<string, unknown>, secrets: ActionSecrets): Promise<{ group: string; results: FleetResult[] }> {
    const group = randomBytes(6).toString('hex');
    const results: FleetResult[] = new Array(names.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < names.length) {
        const i = next++;
        const name = names[i]!;
        let id: string | null = null;
        try {
          const r = await this.run(kind, name, params, (h) => runAction(this.machines, kind, name, params, secrets, h), { group, message: (x) => x.message, onStart: (started) => (id = started) });
          results[i] = { machine: name, ok: true, message: r.message ?? 'done', id };
        } catch (err) {
          results[i] = { machine: name, ok: false, message: (err as Error).message, id };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(FLEET_LIMIT, names.length) }, worker));
    return { group, results };
  }
}

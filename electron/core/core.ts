import type { EventName, Events } from '../../shared/ipc';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import { createHandlers } from './ipc/handlers';
import type { Platform } from './platform/platform';
import { MachineService } from './services/machineService';
import { watchStore } from './store/storeWatcher';

export type EventSink = <E extends EventName>(event: E, payload: Events[E]) => void;

export interface Core {
  machines: MachineService;
  dispatch: Dispatch;
  /** Registers a receiver of core events (one per transport); returns its removal. */
  subscribe(sink: EventSink): () => void;
  close(): void;
}

/** Wires the core once for a process: services, the IPC dispatcher, and the store watcher's events. */
export function createCore(opts: { storePath: string; platform: Platform; env?: NodeJS.ProcessEnv }): Core {
  const machines = new MachineService(opts.storePath, opts.env);
  const sinks = new Set<EventSink>();
  const emit: EventSink = (event, payload) => sinks.forEach((sink) => sink(event, payload));
  const stopWatching = watchStore(opts.storePath, () => emit('machines.changed', {}));
  return {
    machines,
    dispatch: createDispatcher(createHandlers(machines, opts.platform, emit)),
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    close: stopWatching,
  };
}

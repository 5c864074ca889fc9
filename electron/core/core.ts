import { randomBytes } from 'node:crypto';
import type { Envelope, EventName, Events } from '../../shared/ipc';
import { createDispatcher } from './ipc/dispatcher';
import { createHandlers } from './ipc/handlers';
import { type CoreLog, createCoreLog, logFileIn } from './log/coreLog';
import type { Platform } from './platform/platform';
import { TrackedActions } from './actions/trackedActions';
import { FileTransfers } from './files/fileTransfers';
import { RemoteFiles } from './files/remoteFiles';
import { LongActions } from './services/longActions';
import { MachineService } from './services/machineService';
import { removeStaleStoreTemp } from './store/machineStore';
import { watchStore } from './store/storeWatcher';
import { TerminalManager } from './terminal/terminalManager';

export type EventSink = <E extends EventName>(event: E, payload: Events[E]) => void;

/** Who sent a request: one transport connection (a window, a page's WebSocket). */
export interface Caller {
  id: string;
  /** Sends an event to this connection only (its terminals' output). */
  emit: EventSink;
  /** The connection is gone: what it opens from now on is closed at once. */
  closed: boolean;
}

/** Requests one connection may have in flight; more are answered BUSY (one page cannot starve the others). */
export const MAX_IN_FLIGHT = 64;

/** One transport connection to the core. */
export interface CoreClient {
  dispatch(channel: string, payload: unknown): Promise<Envelope<unknown>>;
  /** The connection is gone: its events stop and its terminals close. */
  close(): void;
}

export interface Core {
  machines: MachineService;
  /** A new connection receiving the broadcast events plus its own. */
  connect(sink: EventSink): CoreClient;
  /** The core's log file (errors with stacks, action outcomes, refused senders). */
  log: CoreLog;
  /** Terminals open across every connection (nothing may outlive its connection). */
  openTerminals(): number;
  close(): void;
}

/** Wires the core once for a process: services, the IPC dispatcher, and the store watcher's events. */
export function createCore(opts: { storePath: string; platform: Platform; env?: NodeJS.ProcessEnv; logFile?: string; storeFrom?: 'env' | 'flag' | 'default' }): Core {
  const machines = new MachineService(opts.storePath, opts.env);
  // Temp files of writers killed half way (an app or `berth` that died mid-write) go at start.
  void removeStaleStoreTemp(opts.storePath).catch(() => undefined);
  const sinks = new Set<EventSink>();
  const broadcast: EventSink = (event, payload) => sinks.forEach((sink) => sink(event, payload));
  const stopWatching = watchStore(opts.storePath, (change) => broadcast('machines.changed', change));
  const terminals = new TerminalManager(machines, opts.env ?? process.env);
  const log = createCoreLog(opts.logFile ?? logFileIn(opts.storePath));
  // Every window's actions share one lock per machine and one registry; the desktop's tray follows how many run.
  const tracked: TrackedActions = new TrackedActions(machines, new LongActions(), (event, payload) => {
    broadcast(event, payload);
    if (event === 'action.started' || event === 'action.ended') opts.platform.actionsRunning?.(tracked.registry.runningCount());
  });
  const files = new RemoteFiles(machines);
  const transfers = new FileTransfers(files, tracked.registry);
  const dispatch = createDispatcher(createHandlers({ machines, platform: opts.platform, broadcast, terminals, logFile: log.file, actions: tracked, files, transfers, storeFrom: opts.storeFrom ?? ((opts.env ?? process.env).MACHINE_STORAGE_PATH ? 'env' : 'default') }), log);
  return {
    machines,
    connect(sink) {
      const caller: Caller = { id: randomBytes(8).toString('hex'), emit: sink, closed: false };
      sinks.add(sink);
      let inFlight = 0;
      return {
        async dispatch(channel, payload) {
          if (inFlight >= MAX_IN_FLIGHT) {
            return { ok: false, error: { code: 'BUSY', message: `More than ${MAX_IN_FLIGHT} requests at once from this window: try again.` } };
          }
          inFlight++;
          try {
            return await dispatch(channel, payload, caller);
          } finally {
            inFlight--;
          }
        },
        close() {
          caller.closed = true;
          sinks.delete(sink);
          terminals.closeAllOf(caller.id);
        },
      };
    },
    log,
    openTerminals: () => terminals.size,
    close() {
      stopWatching();
      terminals.closeAll();
      files.closeAll();
    },
  };
}

import { existsSync, type FSWatcher, watch } from 'node:fs';
import { sep } from 'node:path';
import { BERTH_MACHINE_FILE } from './swarmColumn';

/** What a change under machines/ means for the list. */
export type StoreChange = { names: string[]; all: boolean };

/** The files of a machine whose change the list shows: its record, its last provisioning outcome, Berth's own settings (its swarm). */
const NO_STORE_RETRY_MS = 2000;

const WATCHED_FILES = new Set(['config.json', 'berth-provision.json', BERTH_MACHINE_FILE]);

/**
 * Which machine a change under machines/ concerns, or null when the list does not care (a VM's disk,
 * pidfile, QMP socket or console log; a temp file before its rename). A machine directory that
 * appears or goes is a change of that name; a change without a file name (some platforms) is 'all'.
 */
export function machineOfChange(file: string | null): string | 'all' | null {
  if (file === null) return 'all';
  const parts = file.split(sep === '\\' ? /[\\/]/ : '/');
  if (parts[0]!.startsWith('.')) return null;
  if (parts.length === 1) return parts[0]!;
  return parts.length === 2 && WATCHED_FILES.has(parts[1]!) ? parts[0]! : null;
}

/**
 * Calls `onChange` (debounced, with the machines concerned) when a machine's record or provisioning
 * outcome changes, or a machine appears or goes, whoever wrote it: Berth, the berth CLI or
 * docker-machine. Until machines/ exists it watches the store root for it.
 */
export function watchStore(storePath: string, onChange: (change: StoreChange) => void, debounceMs = 250): () => void {
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  let retry: NodeJS.Timeout | null = null;
  let closed = false;
  let pending: StoreChange = { names: [], all: false };
  const fire = (name: string | 'all' | null): void => {
    if (name === null) return;
    if (name === 'all') pending.all = true;
    else if (!pending.names.includes(name)) pending.names.push(name);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const change = pending;
      pending = { names: [], all: false };
      onChange(change);
    }, debounceMs);
  };
  const arm = (): void => {
    if (closed) return;
    watcher?.close();
    try {
      watcher = watch(`${storePath}/machines`, { recursive: true }, (_event, file) => fire(machineOfChange(file === null ? null : String(file))));
    } catch {
      try {
        watcher = watch(storePath, (_event, file) => {
          if (file === 'machines') {
            fire('all');
            arm();
          }
        });
      } catch {
        // No store directory yet either (a first run): look again soon, so the first machine anyone
        // makes here — Berth, docker-machine or an import — is noticed.
        watcher = null;
        retry = setTimeout(() => {
          if (closed) return;
          arm();
          // Only once it exists: until then an empty store is not news every two seconds.
          if (existsSync(storePath)) fire('all');
        }, NO_STORE_RETRY_MS);
        retry.unref?.();
      }
    }
    watcher?.on('error', () => arm());
  };
  arm();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    if (retry) clearTimeout(retry);
    watcher?.close();
  };
}

import { type FSWatcher, watch } from 'node:fs';

/**
 * Calls `onChange` (debounced) when anything under the store's machines/ changes, whoever wrote it:
 * Berth, the berth CLI or docker-machine. Until machines/ exists it watches the store root for it.
 */
export function watchStore(storePath: string, onChange: () => void, debounceMs = 250): () => void {
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const fire = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  const arm = (): void => {
    if (closed) return;
    watcher?.close();
    try {
      watcher = watch(`${storePath}/machines`, { recursive: true }, fire);
    } catch {
      try {
        watcher = watch(storePath, (_event, file) => {
          if (file === 'machines') {
            fire();
            arm();
          }
        });
      } catch {
        watcher = null; // no store directory yet either: the list shows empty until a refresh
      }
    }
    watcher?.on('error', () => arm());
  };
  arm();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    watcher?.close();
  };
}

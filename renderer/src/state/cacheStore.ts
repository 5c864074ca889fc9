import { create } from 'zustand';
import type { CacheEntry } from '../../../shared/types';
import { api } from '../api/client';

interface CacheState {
  entries: CacheEntry[] | null;
  error: string | null;
  busy: boolean;
  load(): Promise<void>;
  /** Resolves to an error message, or null when it went. */
  remove(name: string): Promise<string | null>;
  prune(): Promise<string | null>;
}

/** Sum of what `prune` would free: every entry nothing is made on. */
export function unusedBytes(entries: CacheEntry[]): { count: number; bytes: number } {
  const unused = entries.filter((e) => e.usedBy.length === 0);
  return { count: unused.length, bytes: unused.reduce((n, e) => n + e.sizeBytes, 0) };
}

/** The store's cache as the Settings page shows it (the core keeps what is in use from being removed). */
export const useCache = create<CacheState>((set, get) => {
  const act = async (work: () => Promise<unknown>): Promise<string | null> => {
    set({ busy: true });
    try {
      await work();
      return null;
    } catch (err) {
      return (err as Error).message;
    } finally {
      set({ busy: false });
      await get().load();
    }
  };
  return {
    entries: null,
    error: null,
    busy: false,
    async load() {
      try {
        set({ entries: (await api.invoke('cache.list', {})).entries, error: null });
      } catch (err) {
        set({ error: (err as Error).message });
      }
    },
    remove: (name) => act(() => api.invoke('cache.remove', { name })),
    prune: () => act(() => api.invoke('cache.prune', {})),
  };
});

import { create } from 'zustand';
import type { RemoteEntry } from '../../../shared/types';
import { api, IpcError } from '../api/client';
import { childOf, parentOf } from './filesBrowser';
import { download, upload, type UploadItem } from './transfers';

const PAGE = 500;
type SortKey = 'name' | 'size' | 'mtime';

/** One machine's Files tab: where it is, what it shows, and the actions on it. */
export interface FilesState {
  /** null until the first listing answered (the login home). */
  path: string | null;
  entries: RemoteEntry[];
  more: number;
  sort: SortKey;
  descending: boolean;
  hidden: boolean;
  loading: boolean;
  error: { code: string; message: string } | null;
  load(path?: string | null, acceptHostKey?: string): Promise<void>;
  loadMore(): Promise<void>;
  open(entry: RemoteEntry): Promise<void>;
  up(): Promise<void>;
  sortBy(key: SortKey): Promise<void>;
  showHidden(on: boolean): Promise<void>;
  /** Each of these rejects with the core's reason (the view says it); the folder is listed again after. */
  mkdir(name: string): Promise<void>;
  rename(entry: RemoteEntry, to: string): Promise<void>;
  remove(entry: RemoteEntry): Promise<number>;
  upload(items: UploadItem[], overwrite: boolean): Promise<void>;
  download(entry: RemoteEntry): Promise<void>;
}

function createFilesStore(machine: string) {
  return create<FilesState>((set, get) => {
    const list = async (path: string | null, offset: number, acceptHostKey?: string) => {
      const { sort, descending, hidden } = get();
      return api.invoke('files.list', { name: machine, path, sort, descending, hidden, offset, limit: PAGE, ...(acceptHostKey ? { acceptHostKey } : {}) });
    };
    const here = (name: string): string => childOf(get().path ?? '.', name);
    const after = async <T>(work: Promise<T>): Promise<T> => {
      try {
        return await work;
      } finally {
        void get().load();
      }
    };
    return {
      path: null,
      entries: [],
      more: 0,
      sort: 'name',
      descending: false,
      hidden: false,
      loading: false,
      error: null,
      async load(path = get().path, acceptHostKey) {
        set({ loading: true });
        try {
          const r = await list(path, 0, acceptHostKey);
          set({ path: r.path, entries: r.entries, more: r.more, error: null });
        } catch (err) {
          set({ error: { code: err instanceof IpcError ? err.code : 'INTERNAL', message: (err as Error).message } });
        } finally {
          set({ loading: false });
        }
      },
      async loadMore() {
        const { path, entries } = get();
        const r = await list(path, entries.length);
        set({ entries: [...entries, ...r.entries], more: r.more });
      },
      open: (entry) => (entry.kind === 'dir' ? get().load(here(entry.name)) : Promise.resolve()),
      up: () => get().load(parentOf(get().path ?? '/')),
      async sortBy(key) {
        const { sort, descending } = get();
        set({ sort: key, descending: sort === key ? !descending : false });
        await get().load();
      },
      async showHidden(on) {
        set({ hidden: on });
        await get().load();
      },
      mkdir: (name) => after(api.invoke('files.mkdir', { name: machine, path: here(name) }).then(() => undefined)),
      rename: (entry, to) => after(api.invoke('files.rename', { name: machine, from: here(entry.name), to: here(to) }).then(() => undefined)),
      remove: (entry) => after(api.invoke('files.remove', { name: machine, path: here(entry.name) }).then((r) => r.removed)),
      upload: (items, overwrite) => after(upload(machine, get().path ?? '.', items, overwrite)),
      download: (entry) => download(machine, here(entry.name)),
    };
  });
}

const stores = new Map<string, ReturnType<typeof createFilesStore>>();

/** The machine's Files store: kept while the page lives, so coming back shows the same folder. */
export function filesStoreOf(machine: string): ReturnType<typeof createFilesStore> {
  let s = stores.get(machine);
  if (!s) stores.set(machine, (s = createFilesStore(machine)));
  return s;
}

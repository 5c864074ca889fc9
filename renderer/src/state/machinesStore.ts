import { create } from 'zustand';
import type { MachineStatus, MachineSummary } from '../../../shared/types';
import { api } from '../api/client';

/** Each row's probe is bounded so one dead host never holds the others back. */
export const STATUS_TIMEOUT_MS = 5000;

export type RowStatus = { kind: 'pending' } | { kind: 'done'; status: MachineStatus } | { kind: 'failed'; message: string };

interface MachinesState {
  loaded: boolean;
  loadError: string | null;
  storePath: string;
  machines: MachineSummary[];
  statuses: Record<string, RowStatus>;
  chosenActive: string | null;
  /** Reads the store, then probes every machine in parallel; each row updates on its own answer. */
  refresh(): Promise<void>;
  setActive(name: string | null): Promise<void>;
}

let generation = 0;

export const useMachines = create<MachinesState>((set, get) => ({
  loaded: false,
  loadError: null,
  storePath: '',
  machines: [],
  statuses: {},
  chosenActive: null,

  async refresh() {
    const mine = ++generation;
    let listing;
    try {
      listing = await api.invoke('machines.list', {});
    } catch (err) {
      set({ loaded: true, loadError: (err as Error).message });
      return;
    }
    if (mine !== generation) return;
    const previous = get().statuses;
    const statuses: Record<string, RowStatus> = {};
    for (const m of listing.machines) {
      if (m.error === null) statuses[m.name] = previous[m.name] ?? { kind: 'pending' };
    }
    set({ loaded: true, loadError: null, storePath: listing.storePath, machines: listing.machines, chosenActive: listing.chosenActive, statuses });
    for (const m of listing.machines) {
      if (m.error !== null) continue;
      api.invoke('machine.status', { name: m.name, timeoutMs: STATUS_TIMEOUT_MS }).then(
        (status) => {
          if (mine === generation) set((s) => ({ statuses: { ...s.statuses, [m.name]: { kind: 'done', status } } }));
        },
        (err: unknown) => {
          if (mine === generation) {
            set((s) => ({ statuses: { ...s.statuses, [m.name]: { kind: 'failed', message: (err as Error).message } } }));
          }
        },
      );
    }
  },

  async setActive(name) {
    const { chosenActive } = await api.invoke('machine.setActive', { name });
    set({ chosenActive });
    await get().refresh();
  },
}));

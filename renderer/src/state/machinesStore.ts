import { create } from 'zustand';
import type { MachineStatus, MachineSummary } from '../../../shared/types';
import { api } from '../api/client';
import { keyedLimiter } from './keyedLimiter';
import { isUnreachable, nextProbeDelay } from './polling';
import { useSettings } from './settingsStore';

/** Each row's probe is bounded so one dead host never holds the others back. */
export const STATUS_TIMEOUT_MS = 2000;
/** Probes in flight at once (a few black holes cannot fill them for long: each gives up after 2 s). */
export const MAX_PROBES_IN_FLIGHT = 24;

export type RowStatus = { kind: 'pending' } | { kind: 'done'; status: MachineStatus } | { kind: 'failed'; message: string };

interface MachinesState {
  loaded: boolean;
  loadError: string | null;
  storePath: string;
  machines: MachineSummary[];
  statuses: Record<string, RowStatus>;
  chosenActive: string | null;
  /**
   * Reads the store, then probes every machine in parallel (or only `only`: the machines the store
   * watcher named); each row updates on its own answer.
   */
  refresh(only?: string[]): Promise<void>;
  setActive(name: string | null): Promise<void>;
  /** Probes one machine unless a probe of it is already in flight. */
  probe(name: string): void;
}

// Probe bookkeeping lives outside React state: it changes often and nothing renders it.
const probes = keyedLimiter(MAX_PROBES_IN_FLIGHT);
const failures = new Map<string, number>();
const dueAt = new Map<string, number>();
let generation = 0;
/** Per machine: how often a refresh asked for it; an answer to an older ask is superseded (the newer ask runs after it). */
const asked = new Map<string, number>();

export const useMachines = create<MachinesState>((set, get) => {
  /** At most one probe in flight (or waiting) per machine; its answer fills only its own row. */
  const probe = (name: string, again = false): void => probes.run(name, async () => {
    const mine = asked.get(name) ?? 0;
    const settle = (row: RowStatus, unreachable: boolean): void => {
      const dockerSilent = row.kind === 'done' && row.status.state === 'Running' && row.status.dockerVersion === 'Unknown';
      const n = unreachable || dockerSilent ? (failures.get(name) ?? 0) + 1 : 0;
      failures.set(name, n);
      dueAt.set(name, Date.now() + nextProbeDelay(n, dockerSilent, useSettings.getState().ui.refreshSeconds * 1000));
      if (mine === (asked.get(name) ?? 0) && get().machines.some((m) => m.name === name)) set((s) => ({ statuses: { ...s.statuses, [name]: row } }));
    };
    await api.invoke('machine.status', { name, timeoutMs: STATUS_TIMEOUT_MS }).then(
      (status) => settle({ kind: 'done', status }, isUnreachable(status.state)),
      (err: unknown) => settle({ kind: 'failed', message: (err as Error).message }, true),
    );
  }, again);

  return {
    loaded: false,
    loadError: null,
    storePath: '',
    machines: [],
    statuses: {},
    chosenActive: null,

    async refresh(only) {
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
      // A refresh asks everyone (or the named ones) again now, whatever their backoff.
      for (const m of listing.machines) {
        if (m.error !== null || (only && !only.includes(m.name))) continue;
        asked.set(m.name, (asked.get(m.name) ?? 0) + 1);
        probe(m.name, true);
      }
    },

    async setActive(name) {
      const { chosenActive } = await api.invoke('machine.setActive', { name });
      set({ chosenActive });
      await get().refresh();
    },

    probe,
  };
});

/** Probes each machine again when it is due (backing off while unreachable); returns the stop. */
export function startPolling(tickMs = 1000): () => void {
  const timer = setInterval(() => {
    // Nothing to see while the window is hidden: no probes, no traffic.
    if (document.hidden) return;
    const now = Date.now();
    const { machines } = useMachines.getState();
    for (const m of machines) {
      if (m.error !== null || probes.has(m.name)) continue;
      if ((dueAt.get(m.name) ?? 0) <= now) useMachines.getState().probe(m.name);
    }
  }, tickMs);
  const onVisible = (): void => {
    if (!document.hidden) void useMachines.getState().refresh();
  };
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}

import { create } from 'zustand';
import type { TerminalKind } from '../../../shared/types';

export type TabStatus = 'connecting' | 'open' | 'ended' | 'disconnected' | 'failed' | 'hostkey';

export interface TerminalTab {
  /** The tab's own key (a tab keeps it across reconnects; the core's terminal id changes). */
  key: number;
  kind: TerminalKind;
  machine: string;
  title: string;
  status: TabStatus;
}

/** "machines", the task center, or a tab's key. */
export type View = 'machines' | 'tasks' | 'settings' | number;

interface TerminalsState {
  tabs: TerminalTab[];
  /** The SSH terminal on a machine's page (its Terminal tab), by machine: not among the app's tabs. */
  embedded: Record<string, TerminalTab>;
  /** A new session on the machine page's Terminal tab (a new key: the view connects anew). */
  openEmbedded(machine: string): void;
  closeEmbedded(machine: string): void;
  view: View;
  open(kind: TerminalKind, machine: string): void;
  update(key: number, change: Partial<Pick<TerminalTab, 'title' | 'status'>>): void;
  close(key: number): void;
  show(view: View): void;
  /** The next (1) or previous (-1) terminal tab, from the one in front. */
  cycle(step: 1 | -1): void;
}

let nextKey = 1;

export const defaultTitle = (kind: TerminalKind, machine: string): string => (kind === 'ssh' ? `SSH ${machine}` : `Shell ${machine}`);

/** The open terminal tabs and which view is in front; the views themselves stay mounted. */
export const useTerminals = create<TerminalsState>((set) => ({
  tabs: [],
  embedded: {},
  openEmbedded(machine) {
    const key = nextKey++;
    set((s) => ({ embedded: { ...s.embedded, [machine]: { key, kind: 'ssh', machine, title: defaultTitle('ssh', machine), status: 'connecting' } } }));
  },
  closeEmbedded(machine) {
    set((s) => ({ embedded: Object.fromEntries(Object.entries(s.embedded).filter(([m]) => m !== machine)) }));
  },
  view: 'machines',
  open(kind, machine) {
    const key = nextKey++;
    set((s) => ({ tabs: [...s.tabs, { key, kind, machine, title: defaultTitle(kind, machine), status: 'connecting' }], view: key }));
  },
  update(key, change) {
    const apply = (t: TerminalTab): TerminalTab => (t.key === key ? { ...t, ...change } : t);
    set((s) => ({ tabs: s.tabs.map(apply), embedded: Object.fromEntries(Object.entries(s.embedded).map(([m, t]) => [m, apply(t)])) }));
  },
  close(key) {
    set((s) => {
      const index = s.tabs.findIndex((t) => t.key === key);
      const tabs = s.tabs.filter((t) => t.key !== key);
      const neighbour = tabs[Math.min(index, tabs.length - 1)];
      // A machine page's terminal closed from its own keys (Ctrl+Shift+W): the page offers to open it again.
      const embedded = Object.fromEntries(Object.entries(s.embedded).filter(([, t]) => t.key !== key));
      return { tabs, embedded, view: s.view === key ? (neighbour?.key ?? 'machines') : s.view };
    });
  },
  show(view) {
    set({ view });
  },
  cycle(step) {
    set((s) => {
      if (s.tabs.length === 0) return s;
      const at = s.tabs.findIndex((t) => t.key === s.view);
      const next = s.tabs[(at + step + s.tabs.length) % s.tabs.length]!;
      return { view: next.key };
    });
  },
}));

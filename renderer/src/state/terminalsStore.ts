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
  view: 'machines',
  open(kind, machine) {
    const key = nextKey++;
    set((s) => ({ tabs: [...s.tabs, { key, kind, machine, title: defaultTitle(kind, machine), status: 'connecting' }], view: key }));
  },
  update(key, change) {
    set((s) => ({ tabs: s.tabs.map((t) => (t.key === key ? { ...t, ...change } : t)) }));
  },
  close(key) {
    set((s) => {
      const index = s.tabs.findIndex((t) => t.key === key);
      const tabs = s.tabs.filter((t) => t.key !== key);
      const neighbour = tabs[Math.min(index, tabs.length - 1)];
      return { tabs, view: s.view === key ? (neighbour?.key ?? 'machines') : s.view };
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

import { create } from 'zustand';

interface SelectionState {
  /** Names of the machines ticked in the list, for actions on several at once (Create swarm). */
  selected: string[];
  toggle(name: string): void;
  /** Ticks exactly these (the header's "select all shown"), or none. */
  set(names: string[]): void;
  /** Keeps only names that still exist (a machine removed elsewhere drops out of the selection). */
  keep(existing: string[]): void;
}

export const useSelection = create<SelectionState>((set) => ({
  selected: [],
  toggle(name) {
    set((s) => ({ selected: s.selected.includes(name) ? s.selected.filter((n) => n !== name) : [...s.selected, name] }));
  },
  set(names) {
    set({ selected: [...names] });
  },
  keep(existing) {
    set((s) => {
      const kept = s.selected.filter((n) => existing.includes(n));
      return kept.length === s.selected.length ? s : { selected: kept };
    });
  },
}));

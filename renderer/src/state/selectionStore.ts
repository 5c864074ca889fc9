import { create } from 'zustand';

interface SelectionState {
  /** Names of the machines ticked in the list, for actions on several at once (Create swarm). */
  selected: string[];
  /** The last name ticked or unticked by itself (where a Shift-click range starts). */
  anchor: string | null;
  toggle(name: string): void;
  /** Shift-click: ticks (or, when `name` is ticked, unticks) every name of `range`. */
  toggleRange(name: string, range: string[]): void;
  /** Ticks exactly these (the header's "select all shown"), or none. */
  set(names: string[]): void;
  /** Keeps only names that still exist (a machine removed elsewhere drops out of the selection). */
  keep(existing: string[]): void;
}

export const useSelection = create<SelectionState>((set) => ({
  selected: [],
  anchor: null,
  toggle(name) {
    set((s) => ({ anchor: name, selected: s.selected.includes(name) ? s.selected.filter((n) => n !== name) : [...s.selected, name] }));
  },
  toggleRange(name, range) {
    set((s) => {
      if (s.selected.includes(name)) return { anchor: name, selected: s.selected.filter((n) => !range.includes(n)) };
      return { anchor: name, selected: [...s.selected, ...range.filter((n) => !s.selected.includes(n))] };
    });
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

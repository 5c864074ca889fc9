import { create } from 'zustand';
import { DEFAULT_VIEW, type ListView, parseListView } from './listView';

const KEY = 'berth.listView';

function saved(): ListView {
  try {
    return parseListView(JSON.parse(localStorage.getItem(KEY) ?? '{}'));
  } catch {
    return DEFAULT_VIEW;
  }
}

interface ListViewState {
  view: ListView;
  setView(view: ListView): void;
  /** Where the list was scrolled when a machine's page opened (restored on the way back). */
  scrollTop: number;
}

/** The list's filter and sort, kept while machine pages come and go and across restarts (this browser's storage). */
export const useListView = create<ListViewState>((set) => ({
  view: saved(),
  setView(view) {
    localStorage.setItem(KEY, JSON.stringify(view));
    set({ view });
  },
  scrollTop: 0,
}));

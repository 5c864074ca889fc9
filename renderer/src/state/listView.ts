import type { MachineSummary } from '../../../shared/types';
import type { RowStatus } from './machinesStore';

export type SortKey = 'name' | 'driver' | 'state' | 'url' | 'docker';
export interface ListView {
  text: string;
  driver: string;
  state: string;
  sort: SortKey;
  descending: boolean;
}

export const DEFAULT_VIEW: ListView = { text: '', driver: '', state: '', sort: 'name', descending: false };

/** A row's state as the table shows it: a broken record or a failed create is Error. */
export function shownState(m: MachineSummary, row: RowStatus | undefined): string {
  if (m.error !== null || m.provisionError !== null) return 'Error';
  if (!row || row.kind === 'pending') return 'Checking';
  return row.kind === 'failed' ? 'Error' : row.status.state;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The rows to show: filtered by name (substring, any case), driver and state, then sorted by a column. */
export function viewRows(machines: MachineSummary[], statuses: Record<string, RowStatus>, view: ListView): MachineSummary[] {
  const text = view.text.trim().toLowerCase();
  const key = (m: MachineSummary): string => {
    const row = statuses[m.name];
    const status = row?.kind === 'done' ? row.status : null;
    switch (view.sort) {
      case 'name':
        return m.name;
      case 'driver':
        return m.driverName;
      case 'state':
        return shownState(m, row);
      case 'url':
        return status?.url || m.url || '';
      case 'docker':
        return status?.dockerVersion ?? '';
    }
  };
  const rows = machines.filter(
    (m) =>
      (!text || m.name.toLowerCase().includes(text)) &&
      (!view.driver || m.driverName === view.driver) &&
      (!view.state || shownState(m, statuses[m.name]) === view.state),
  );
  const sign = view.descending ? -1 : 1;
  return rows.sort((a, b) => sign * collator.compare(key(a), key(b)) || collator.compare(a.name, b.name));
}

/** A filter narrows the list (the empty result offers "Clear filters"). */
export const isFiltered = (v: ListView): boolean => v.text.trim() !== '' || v.driver !== '' || v.state !== '';

const SORT_KEYS: SortKey[] = ['name', 'driver', 'state', 'url', 'docker'];

/** A saved view as read back (localStorage is the user's to edit): anything odd becomes the default. */
export function parseListView(raw: unknown): ListView {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const str = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 200) : '');
  return {
    text: str(o.text),
    driver: str(o.driver),
    state: str(o.state),
    sort: SORT_KEYS.includes(o.sort as SortKey) ? (o.sort as SortKey) : 'name',
    descending: o.descending === true,
  };
}

/** Shift-click: every shown name from the last one ticked to this one, in the order shown. */
export function rangeOf(shown: string[], from: string | null, to: string): string[] {
  const a = from === null ? -1 : shown.indexOf(from);
  const b = shown.indexOf(to);
  if (a < 0 || b < 0) return [to];
  return shown.slice(Math.min(a, b), Math.max(a, b) + 1);
}

import type { FileEntryWithStats } from 'ssh2';
import type { RemoteEntry } from '../../../shared/types';

export type SortKey = 'name' | 'size' | 'mtime';

export interface ListOptions {
  sort: SortKey;
  descending: boolean;
  hidden: boolean;
  offset: number;
  limit: number;
}

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

const kindOf = (mode: number): RemoteEntry['kind'] => ((mode & S_IFMT) === S_IFDIR ? 'dir' : (mode & S_IFMT) === S_IFREG ? 'file' : 'other');

/** A readdir entry as the Files tab shows it; a link's kind is what it points at (`target`: its stat, null when dangling). */
export function toEntry(e: FileEntryWithStats, target?: { mode: number } | null): RemoteEntry {
  const link = (e.attrs.mode & S_IFMT) === S_IFLNK;
  const mode = link ? (target?.mode ?? 0) : e.attrs.mode;
  return { name: e.filename, kind: link && !target ? 'other' : kindOf(mode), link, size: e.attrs.size, mtime: e.attrs.mtime, mode: e.attrs.mode & 0o7777 };
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * One page of a folder: folders first (as every file manager lists them), then by the chosen column,
 * names breaking ties; dot files only when asked. Pure, so the order is tested without a host.
 */
export function pageOf(entries: RemoteEntry[], o: ListOptions): { entries: RemoteEntry[]; more: number } {
  const shown = entries.filter((e) => e.name !== '.' && e.name !== '..' && (o.hidden || !e.name.startsWith('.')));
  const dir = o.descending ? -1 : 1;
  const column = (a: RemoteEntry, b: RemoteEntry): number => (o.sort === 'size' ? a.size - b.size : o.sort === 'mtime' ? a.mtime - b.mtime : 0);
  shown.sort((a, b) => Number(b.kind === 'dir') - Number(a.kind === 'dir') || dir * (column(a, b) || byName.compare(a.name, b.name)));
  const page = shown.slice(o.offset, o.offset + o.limit);
  return { entries: page, more: Math.max(0, shown.length - o.offset - page.length) };
}

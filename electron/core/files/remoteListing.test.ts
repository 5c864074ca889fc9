import { describe, expect, it } from 'vitest';
import type { RemoteEntry } from '../../../shared/types';
import { type ListOptions, pageOf, toEntry } from './remoteListing';

const e = (name: string, kind: RemoteEntry['kind'], size = 0, mtime = 0): RemoteEntry => ({ name, kind, link: false, size, mtime, mode: 0o644 });
const entries = [e('b.txt', 'file', 30, 3), e('.hidden', 'file', 1, 1), e('src', 'dir', 4096, 2), e('a10.log', 'file', 10, 5), e('a9.log', 'file', 20, 4), e('..', 'dir'), e('.config', 'dir')];
const opts = (o: Partial<ListOptions> = {}): ListOptions => ({ sort: 'name', descending: false, hidden: false, offset: 0, limit: 100, ...o });
const names = (o: Partial<ListOptions>): string[] => pageOf(entries, opts(o)).entries.map((x) => x.name);

describe('pageOf (the Files tab order)', () => {
  it.each<[Partial<ListOptions>, string[]]>([
    [{}, ['src', 'a9.log', 'a10.log', 'b.txt']],
    [{ hidden: true }, ['.config', 'src', '.hidden', 'a9.log', 'a10.log', 'b.txt']],
    [{ descending: true }, ['src', 'b.txt', 'a10.log', 'a9.log']],
    [{ sort: 'size' }, ['src', 'a10.log', 'a9.log', 'b.txt']],
    [{ sort: 'mtime', descending: true }, ['src', 'a10.log', 'a9.log', 'b.txt']],
    [{ offset: 1, limit: 2 }, ['a9.log', 'a10.log']],
  ])('%j', (o, want) => {
    expect(names(o)).toEqual(want);
  });

  it('counts what lies past the page', () => {
    expect(pageOf(entries, opts({ limit: 3 })).more).toBe(1);
    expect(pageOf(entries, opts({ offset: 2, limit: 3 })).more).toBe(0);
  });

  it('a link takes the kind of its target; a dangling one is "other"', () => {
    const link = { filename: 'l', longname: '', attrs: { mode: 0o120777, size: 7, mtime: 9, uid: 0, gid: 0, atime: 0 } } as never;
    expect(toEntry(link, { mode: 0o040755 })).toEqual({ name: 'l', kind: 'dir', link: true, size: 7, mtime: 9, mode: 0o777 });
    expect(toEntry(link, null).kind).toBe('other');
  });
});

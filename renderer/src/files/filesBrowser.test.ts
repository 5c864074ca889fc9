import { describe, expect, it } from 'vitest';
import { childOf, formatMode, formatSize, nameProblem, parentOf } from './filesBrowser';

describe('Files tab helpers', () => {
  it.each([
    ['/home/docker', '/home'],
    ['/home', '/'],
    ['/', '/'],
    ['/srv/app/', '/srv'],
  ])('parentOf(%j) = %j', (p, want) => expect(parentOf(p)).toBe(want));

  it.each([
    ['/', 'etc', '/etc'],
    ['/home/docker', 'a b', '/home/docker/a b'],
  ])('childOf(%j, %j)', (d, n, want) => expect(childOf(d, n)).toBe(want));

  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1500, '1.5 kB'],
    [52_428_800, '52 MB'],
    [3e12, '3.0 TB'],
  ])('formatSize(%d)', (n, want) => expect(formatSize(n)).toBe(want));

  it.each([
    [0o644, 'rw-r--r--'],
    [0o755, 'rwxr-xr-x'],
    [0o4755, 'rwsr-xr-x'],
    [0o1777, 'rwxrwxrwt'],
    [0o2640, 'rw-r-S---'],
  ])('formatMode(%o)', (m, want) => expect(formatMode(m)).toBe(want));

  it.each([
    ['ok.txt', null],
    ['', 'Type a name'],
    ['a/b', 'A name cannot hold "/"'],
    ['..', '".." is not a name'],
  ])('nameProblem(%j)', (n, want) => expect(nameProblem(n)).toBe(want));
});

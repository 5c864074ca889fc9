import { describe, expect, it } from 'vitest';
import { parseLocation } from './scpLocation';

describe('parseLocation (docker-machine scp arguments)', () => {
  it.each([
    ['foo.txt', { machine: null, path: 'foo.txt' }],
    ['/tmp/a b/ü.bin', { machine: null, path: '/tmp/a b/ü.bin' }],
    ['dev:/home/docker/foo.txt', { machine: 'dev', user: null, path: '/home/docker/foo.txt' }],
    ['dev:foo.txt', { machine: 'dev', user: null, path: 'foo.txt' }],
    ['dev:', { machine: 'dev', user: null, path: '.' }],
    ['dev:~', { machine: 'dev', user: null, path: '.' }],
    ['dev:~/x/y', { machine: 'dev', user: null, path: 'x/y' }],
    ['root@dev:/etc/hosts', { machine: 'dev', user: 'root', path: '/etc/hosts' }],
    ['localhost:/tmp/x', { machine: null, path: '/tmp/x' }],
    // Only the first colon splits: the rest belongs to the remote path.
    ['dev:/a:b', { machine: 'dev', user: null, path: '/a:b' }],
  ])('%s', (arg, want) => {
    expect(parseLocation(arg, 'linux')).toEqual(want);
  });

  it('a Windows drive is local on Windows', () => {
    expect(parseLocation('C:\\Users\\me\\x.txt', 'win32')).toEqual({ machine: null, path: 'C:\\Users\\me\\x.txt' });
  });

  it.each(['', ':/x', 'me@:/x'])('refuses %j', (arg) => {
    expect(() => parseLocation(arg, 'linux')).toThrow(/empty path|names no machine/);
  });
});

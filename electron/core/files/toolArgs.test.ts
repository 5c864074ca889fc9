import { describe, expect, it } from 'vitest';
import { rsyncArgs, rsyncWord } from './rsyncDelta';
import { macSshfsMountPoints, sshfsArgs, sshfsMountPoints, unmountCommand } from './sshfsMount';

const target = { host: '127.0.0.1', port: 2222, user: 'docker', auth: { privateKeyPath: "/home/me/it's here/id_rsa" } };
const known = '/store/berth-known_hosts';

describe('command lines for the system tools (rsync, sshfs) that reach a machine as Berth does', () => {
  it('rsync: -e carries the key, port and pinned host keys in rsync\'s own quoting; -r and --progress as asked', () => {
    expect(rsyncArgs({ remote: 'dst', src: 'a dir/', dst: 'x/', recursive: true, quiet: false }, target, known)).toEqual([
      '--protect-args', '--times', '--perms', '--progress', '-e',
      "ssh -o Port=2222 -o 'IdentityFile=/home/me/it''s here/id_rsa' -o IdentitiesOnly=yes -o UserKnownHostsFile=/store/berth-known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes",
      '-r', 'a dir/', 'docker@127.0.0.1:x/',
    ]);
    expect(rsyncArgs({ remote: 'src', src: '/srv/f', dst: '.', recursive: false, quiet: true }, { ...target, host: '::1' }, known).slice(-2)).toEqual(['docker@[::1]:/srv/f', '.']);
  });

  it.each([['plain', 'plain'], ['a b', "'a b'"], ["it's", "'it''s'"]])('rsyncWord(%j)', (word, want) => {
    expect(rsyncWord(word)).toBe(want);
  });

  it('sshfs: remote, local, then one -o per ssh option', () => {
    expect(sshfsArgs(target, known, '/srv/share', '/mnt/x')).toEqual([
      'docker@127.0.0.1:/srv/share', '/mnt/x',
      '-o', 'Port=2222', '-o', "IdentityFile=/home/me/it's here/id_rsa", '-o', 'IdentitiesOnly=yes', '-o', `UserKnownHostsFile=${known}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes',
    ]);
  });

  it.each([
    ['linux', ['fusermount3', ['-u', '/mnt/x']]],
    ['darwin', ['umount', ['/mnt/x']]],
  ] as const)('unmount on %s', (platform, want) => {
    expect(unmountCommand(platform, '/mnt/x')).toEqual(want);
  });

  it('finds sshfs mount points in /proc/self/mounts (escapes undone) and in macOS mount output', () => {
    const proc = [
      'proc /proc proc rw,nosuid 0 0',
      'docker@127.0.0.1:/srv /home/me/my\\040share fuse.sshfs rw,nosuid,nodev,relatime,user_id=0 0 0',
      'tmpfs /tmp tmpfs rw 0 0',
    ].join('\n');
    expect(sshfsMountPoints(proc)).toEqual(['/home/me/my share']);
    const mac = ['/dev/disk1s1 on / (apfs, local, journaled)', 'docker@192.168.99.100:/srv on /Users/me/share (macfuse, nodev, nosuid, synchronous, mounted by me)'].join('\n');
    expect(macSshfsMountPoints(mac)).toEqual(['/Users/me/share']);
  });
});

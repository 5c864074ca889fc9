import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../../e2e/hosts/hosts';
import { sshOnlyMachine } from '../../e2e/hosts/sshMachine';
import { startTestHost, testHosts } from '../../e2e/hosts/testing';
import { type BerthRun, runBerth } from '../../e2e/support/runBerth';
import { MachineService } from '../core/services/machineService';
import { machineDetail } from '../core/services/machineDetail';

// `berth scp` and `berth mount` against real sshd hosts: bytes equal by hash in every direction,
// docker-machine's argument forms, rsync deltas, the errors a user meets, and sshfs for real.

const ctx = testHosts();
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const ODD = 'a b ü 文件.bin';

describe.skipIf(!ctx)('berth scp and berth mount', () => {
  let h1: TestHost;
  let h2: TestHost;
  let dir: string;
  let store: string;
  let big: Buffer;
  const berth = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<BerthRun> => runBerth(['-s', store, ...args], { env, timeoutMs: 180_000 });
  const remoteSha = async (host: TestHost, path: string): Promise<string> => (await host.exec(`sha256sum '${path}'`)).split(' ')[0]!;
  /** Every file under a folder with its hash, relative names sorted: equal trees print the same. */
  const remoteTree = async (host: TestHost, path: string): Promise<string> => host.exec(`cd '${path}' && find . -type f -print0 | sort -z | xargs -0 sha256sum`);

  beforeAll(async () => {
    [h1, h2] = await Promise.all([startTestHost(ctx!, { flavour: 'sshd' }), startTestHost(ctx!, { flavour: 'sshd' })]);
    dir = await mkdtemp(join(tmpdir(), 'berth-files-'));
    store = join(dir, 'store');
    const machines = new MachineService(store, {});
    await sshOnlyMachine(machines, h1, 'm1');
    await sshOnlyMachine(machines, h2, 'm2');
    big = randomBytes(50 * 1024 * 1024);
    await writeFile(join(dir, ODD), big);
    // A nested tree with an empty folder, an odd name and a binary file.
    await mkdir(join(dir, 'tree', 'sub', 'deeper'), { recursive: true });
    await mkdir(join(dir, 'tree', 'empty'));
    await writeFile(join(dir, 'tree', 'top.txt'), 'top\n');
    await writeFile(join(dir, 'tree', 'sub', 'ü name.txt'), 'unicode\n');
    await writeFile(join(dir, 'tree', 'sub', 'deeper', 'bin'), randomBytes(300_000));
  }, 240_000);
  afterAll(async () => {
    await Promise.all([h1?.stop(), h2?.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('50 MB with spaces and unicode in its name: to a machine, machine to machine, and back; hashes equal', async () => {
    const want = sha(big);
    expect(await berth(['scp', join(dir, ODD), 'm1:/tmp/'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await remoteSha(h1, `/tmp/${ODD}`)).toBe(want);
    expect((await berth(['scp', `m1:/tmp/${ODD}`, 'm2:/tmp/copied.bin'])).code).toBe(0);
    expect(await remoteSha(h2, '/tmp/copied.bin')).toBe(want);
    expect((await berth(['scp', 'm2:/tmp/copied.bin', join(dir, 'back.bin')])).code).toBe(0);
    expect(sha(await readFile(join(dir, 'back.bin')))).toBe(want);
  }, 180_000);

  it('relative remote paths start in the login home; user@machine signs in as that user', async () => {
    await writeFile(join(dir, 'rel.txt'), 'relative\n');
    expect((await berth(['scp', join(dir, 'rel.txt'), 'm1:rel.txt'])).code).toBe(0);
    expect(await h1.exec('cat /root/rel.txt')).toBe('relative\n');
    expect((await berth(['scp', join(dir, 'rel.txt'), 'berth@m1:'])).code).toBe(0);
    expect(await h1.exec('stat -c %U /home/berth/rel.txt')).toBe('berth\n');
  });

  it('-r copies nested folders both ways and machine to machine; without -r a folder is refused', async () => {
    const refused = await berth(['scp', join(dir, 'tree'), 'm1:/tmp/']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`${join(dir, 'tree')}: not a regular file (use -r for a directory)\n`);
    expect((await berth(['scp', '-r', join(dir, 'tree'), 'm1:/tmp/'])).code).toBe(0);
    const tree = await remoteTree(h1, '/tmp/tree');
    expect(tree).toContain('./sub/deeper/bin');
    expect(tree).toContain('./sub/ü name.txt');
    expect(await h1.exec('test -d /tmp/tree/empty && echo yes')).toBe('yes\n');
    expect((await berth(['scp', '-r', 'm1:/tmp/tree', 'm2:/tmp/fromm1'])).code).toBe(0);
    expect(await remoteTree(h2, '/tmp/fromm1')).toBe(tree);
    expect((await berth(['scp', '-r', 'm2:/tmp/fromm1', join(dir, 'roundtrip')])).code).toBe(0);
    expect(await readFile(join(dir, 'roundtrip', 'sub', 'deeper', 'bin'))).toEqual(await readFile(join(dir, 'tree', 'sub', 'deeper', 'bin')));
  }, 120_000);

  it('errors name the file and what the host said; nothing on stdout', async () => {
    const cases: Array<[string[], string]> = [
      [['scp', 'm1:/nonexistent/file', dir], 'm1:/nonexistent/file: No such file or directory\n'],
      [['scp', join(dir, 'missing.txt'), 'm1:/tmp/'], `${join(dir, 'missing.txt')}: No such file or directory\n`],
      [['scp', join(dir, 'rel.txt'), 'pwuser@m1:/root/denied.txt'], 'm1:/root/denied.txt: Permission denied\n'],
      [['scp', 'pwuser@m1:/etc/shadow', dir], 'm1:/etc/shadow: Permission denied\n'],
      [['scp', 'nosuch:/x', dir], 'Docker machine "nosuch" does not exist. Use "berth ls" to list machines. Use "berth create" to add a new one.\n'],
      [['scp', 'only-one'], 'Error: scp takes a source and a destination, e.g. berth scp ./app.tar dev:/tmp/\n'],
    ];
    for (const [args, stderr] of cases) expect(await berth(args)).toEqual({ code: 1, stdout: '', stderr });
  });

  it('-d: rsync sends the folder, then only what changed; a clear error when either end lacks rsync', async () => {
    const first = await berth(['scp', '-r', '-d', '-q', `${join(dir, 'tree')}/`, 'm1:/srv/synced/']);
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(await remoteTree(h1, '/srv/synced')).toBe(await remoteTree(h1, '/tmp/tree'));
    await writeFile(join(dir, 'tree', 'top.txt'), 'changed\n');
    const second = await berth(['scp', '-r', '-d', `${join(dir, 'tree')}/`, 'm1:/srv/synced/']);
    expect(second.code).toBe(0);
    // --progress lists only what it sent.
    expect(second.stdout).toContain('top.txt');
    expect(second.stdout).not.toContain('deeper/bin');
    expect(await h1.exec('cat /srv/synced/top.txt')).toBe('changed\n');

    await h2.exec('rm -f /usr/bin/rsync');
    const remoteMissing = await berth(['scp', '-d', join(dir, 'rel.txt'), 'm2:/tmp/']);
    expect(remoteMissing).toEqual({ code: 1, stdout: '', stderr: 'rsync is not installed on m2: install it there (e.g. berth ssh m2 sudo apt-get install -y rsync) or copy without -d\n' });
    const localMissing = await berth(['scp', '-d', join(dir, 'rel.txt'), 'm1:/tmp/'], { PATH: '/nonexistent' });
    expect(localMissing.code).toBe(1);
    expect(localMissing.stderr).toMatch(/^You must have a copy of the rsync binary locally to use the --delta option/);
    expect(await berth(['scp', '-d', 'm1:/tmp/rel.txt', 'm2:/tmp/'])).toMatchObject({ code: 1, stderr: 'Error: -d copies between this computer and one machine (rsync cannot copy from one remote host to another)\n' });
  }, 120_000);

  it('mount: writes through the sshfs mount reach the host; listed on the machine; -u unmounts', async () => {
    const at = join(dir, 'mnt');
    await mkdir(at);
    await h1.exec('mkdir -p /srv/share && echo from-host > /srv/share/hello.txt');
    expect(await berth(['mount', 'm1:/srv/share', at])).toEqual({ code: 0, stdout: '', stderr: '' });
    try {
      expect(await readFile(join(at, 'hello.txt'), 'utf8')).toBe('from-host\n');
      await writeFile(join(at, 'written here.txt'), 'through the mount\n');
      expect(await h1.exec("cat '/srv/share/written here.txt'")).toBe('through the mount\n');
      const detail = await machineDetail(new MachineService(store, {}), 'm1');
      expect(detail.mounts).toEqual([{ remote: '/srv/share', local: at, mounted: true }]);
      const again = await berth(['mount', 'm1:/srv/share', at]);
      expect(again).toEqual({ code: 1, stdout: '', stderr: `${at} is already a mounted folder\n` });
    } finally {
      expect(await berth(['mount', '-u', 'm1:/srv/share', at])).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    expect((await machineDetail(new MachineService(store, {}), 'm1')).mounts).toEqual([]);
    await expect(readFile(join(at, 'hello.txt'))).rejects.toThrow(/ENOENT/);
    const missing = await berth(['mount', 'm1:/srv/share', at], { PATH: '/nonexistent' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^You must have a copy of the sshfs binary locally to use the mount feature: install it \(Debian\/Ubuntu: sudo apt-get install sshfs;/);
  }, 120_000);
});

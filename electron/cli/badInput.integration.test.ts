import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, symlink, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../e2e/fixtures/fixtureStore';
import { type BerthRun, runBerth } from '../../e2e/support/runBerth';

// Bad input to the CLI, as scripts and careless people give it: each case answers with one line on
// stderr, exits 1, prints nothing on stdout, and leaves the store byte-for-byte as it was.


const berth = (args: string[]): Promise<BerthRun> => runBerth(args, { timeoutMs: 30_000 });

/** Every file under `dir` with its content hash: the store's fingerprint. */
async function snapshot(dir: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(out, await snapshot(dir, rel));
    else out[rel] = entry.isSymbolicLink() ? 'link' : createHash('sha256').update(await readFile(join(dir, rel))).digest('hex');
  }
  return out;
}

describe('bad input to the berth CLI', () => {
  let store: string;
  // Never read: every create case is refused before the key file is opened.
  const key = '/nonexistent/berth-test/id_rsa';
  const create = (...extra: string[]): string[] => ['create', '-d', 'generic', '--generic-ip-address', '127.0.0.1', '--generic-ssh-key', key, '--accept-host-key', `SHA256:${'A'.repeat(43)}`, ...extra];

  beforeAll(async () => {
    store = await copyFixtureStore({ corrupt: 'broken' });
  });
  afterAll(async () => {
    await rm(store, { recursive: true, force: true });
  });

  it.each([
    ['a shell named constructor', ['env', '--shell', 'constructor', 'gen1'], /^Unknown shell "constructor"/],
    ['a shell named __proto__', ['env', '--shell', '__proto__', 'gen1'], /^Unknown shell "__proto__"/],
    ['a template reaching a prototype', ['inspect', '-f', '{{.constructor}}', 'gen1'], /can't evaluate field constructor/],
    ['an ls template reaching __proto__', ['ls', '-f', '{{.__proto__}}'], /can't evaluate field __proto__/],
    ['a negative timeout', ['ls', '-t', '-5'], /^Error: -t takes whole seconds from 1 to 3600, not -5$/],
    ['a huge timeout', ['ls', '-t', '99999999999'], /^Error: -t takes whole seconds from 1 to 3600/],
    ['a fractional timeout', ['ls', '-t', '1.5'], /not an integer/],
    ['an SSH port out of range', create('--generic-ssh-port', '99999', 'new1'), /^Error: invalid --generic-ssh-port: /],
    ['SSH port 0', create('--generic-ssh-port', '0', 'new1'), /^Error: invalid --generic-ssh-port: /],
    ['an engine port out of range', create('--generic-engine-port', '70000', 'new1'), /^Error: invalid --generic-engine-port: /],
    ['a user with a shell metacharacter', create('--generic-ssh-user', 'root;id', 'new1'), /^Error: invalid --generic-ssh-user: not a user name$/],
    ['a host with a space', ['create', '-d', 'generic', '--generic-ip-address', 'a b', '--generic-ssh-key', key, 'new1'], /^Error: invalid --generic-ip-address/],
    ['a 300-character name', create('x'.repeat(300)), /^Error: invalid machine name: /],
    ['a name with a slash', create('../escape'), /^Error: invalid machine name/],
    ['an engine version with a shell metacharacter', ['upgrade', '--engine-install', 'docker-ce', '--engine-version', '1;id', 'gen1'], /^Error: invalid --engine-version/],
    ['too little VM memory', ['create', '-d', 'qemu', '--qemu-image', 'debian-12', '--qemu-memory', '100', 'vm1'], /^Error: invalid --qemu-memory: /],
    ['an unknown accelerator', ['create', '-d', 'qemu', '--qemu-image', 'debian-12', '--qemu-accel', 'fast', 'vm1'], /^Error: invalid --qemu-accel/],
    ['a bad image checksum', ['create', '-d', 'qemu', '--qemu-image', 'debian-12', '--qemu-image-checksum', 'md5:1', 'vm1'], /^Error: invalid --qemu-image-checksum/],
    ['a 5000-character name to inspect', ['inspect', 'y'.repeat(5000)], /^Machine name "y{40}…" is 5000 characters long: at most 63 are allowed\.$/],
    ['a name with a newline to env', ['env', 'a\nb'], /^Machine name "a\\nb" contains "\\n"/],
    ['an unknown machine', ['inspect', 'ghost'], /^Docker machine "ghost" does not exist\. Use "berth ls" to list machines\. Use "berth create" to add a new one\.$/],
    ['a flag without its value', ['inspect', '-f'], /^flag needs an argument: -f$/],
  ])('%s', async (_name, args, message) => {
    const before = await snapshot(store);
    const r = await berth(['-s', store, ...args]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n') && r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(await snapshot(store)).toEqual(before);
  });

  it('a record with a wrong-typed field is one error row naming the field; the others still list', async () => {
    const dir = join(store, 'machines', 'labels');
    await mkdir(dir);
    const config = JSON.parse(await readFile(join(store, 'machines', 'gen1', 'config.json'), 'utf8'));
    config.Name = 'labels';
    config.HostOptions.EngineOptions.Labels = 'env=prod';
    await writeFile(join(dir, 'config.json'), JSON.stringify(config));
    try {
      const r = await berth(['-s', store, 'ls', '-t', '1']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^labels .* Error +Machine "labels": config\.json field HostOptions\.EngineOptions\.Labels has the wrong type \(a string\)/m);
      for (const name of ['deb1', 'gen1', 'gen2']) expect(r.stdout).toMatch(new RegExp(`^${name} `, 'm'));
      const inspect = await berth(['-s', store, 'inspect', 'labels']);
      expect([inspect.code, inspect.stderr.trimEnd().split('\n').length]).toEqual([1, 1]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a config.json that links to another file is refused without reading it', async () => {
    const dir = join(store, 'machines', 'linked');
    await mkdir(dir);
    const secret = join(store, 'secret.txt');
    await writeFile(secret, 'root:x:0:0:very-secret');
    await symlink(secret, join(dir, 'config.json'));
    try {
      const r = await berth(['-s', store, 'inspect', 'linked']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('Machine "linked": config.json is a symbolic link; Berth reads only a regular file there\n');
      const ls = await berth(['-s', store, 'ls', '-t', '1']);
      expect(ls.stdout).toContain('config.json is a symbolic link');
      expect(ls.stdout + ls.stderr).not.toContain('very-secret');
      expect((await stat(secret)).size).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(secret, { force: true });
    }
  });
});

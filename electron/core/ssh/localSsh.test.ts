import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localSshSetup, sshConfigHosts } from './localSsh';

const HOME = '/home/ada';

describe('sshConfigHosts', () => {
  it.each([
    ['a plain host', 'Host web\n  HostName 10.0.0.5\n  User deploy\n  Port 2222\n  IdentityFile ~/.ssh/web_key\n', [
      { alias: 'web', hostName: '10.0.0.5', user: 'deploy', port: 2222, identityFile: '/home/ada/.ssh/web_key' },
    ]],
    ['no HostName: the alias is the host', 'Host db.example.com\n', [
      { alias: 'db.example.com', hostName: 'db.example.com', user: null, port: null, identityFile: null },
    ]],
    ['wildcard blocks merge in but are not hosts', 'Host a b\n  HostName %h.lan\nHost *\n  User ops\n  Port 2200\n  IdentityFile %d/.ssh/id_ops\n', [
      { alias: 'a', hostName: 'a.lan', user: 'ops', port: 2200, identityFile: '/home/ada/.ssh/id_ops' },
      { alias: 'b', hostName: 'b.lan', user: 'ops', port: 2200, identityFile: '/home/ada/.ssh/id_ops' },
    ]],
    ['first value wins, as in ssh', 'Host x\n  User first\nHost x\n  User second\n  Port 22\n', [
      { alias: 'x', hostName: 'x', user: 'first', port: 22, identityFile: null },
    ]],
    ['directive names in any case', 'host y\n  hostname 192.0.2.1\n  USER root\n', [
      { alias: 'y', hostName: '192.0.2.1', user: 'root', port: null, identityFile: null },
    ]],
    ['negated and ? patterns are skipped', 'Host !bad h? real\n  Port 7\n', [
      { alias: 'real', hostName: 'real', user: null, port: 7, identityFile: null },
    ]],
    ['an empty file', '', []],
  ])('%s', (_, text, hosts) => {
    expect(sshConfigHosts(text, HOME)).toEqual(hosts);
  });

  it('never runs a Match exec command while listing', () => {
    const marker = join(tmpdir(), `berth-match-exec-${process.pid}`);
    const hosts = sshConfigHosts(`Match exec "touch ${marker}"\n  User evil\nHost safe\n`, HOME);
    expect(hosts).toEqual([{ alias: 'safe', hostName: 'safe', user: null, port: null, identityFile: null }]);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('localSshSetup', () => {
  let home: string;
  afterEach(() => rm(home, { recursive: true, force: true }));

  it('lists config hosts, the default keys that exist, and the agent', async () => {
    home = await mkdtemp(join(tmpdir(), 'berth-home-'));
    await mkdir(join(home, '.ssh'));
    await writeFile(join(home, '.ssh', 'config'), 'Host box\n  HostName 127.0.0.1\n');
    await writeFile(join(home, '.ssh', 'id_ecdsa'), 'k');
    const setup = await localSshSetup(home, { SSH_AUTH_SOCK: '/tmp/agent.sock' });
    expect(setup).toEqual({
      configHosts: [{ alias: 'box', hostName: '127.0.0.1', user: null, port: null, identityFile: null }],
      configError: null,
      keys: [join(home, '.ssh', 'id_ecdsa')],
      agent: true,
    });
  });

  it('is empty, without an error, when there is no ~/.ssh at all', async () => {
    home = await mkdtemp(join(tmpdir(), 'berth-home-'));
    expect(await localSshSetup(home, {})).toEqual({ configHosts: [], configError: null, keys: [], agent: false });
  });

  it('says why when the config cannot be read', async () => {
    home = await mkdtemp(join(tmpdir(), 'berth-home-'));
    await mkdir(join(home, '.ssh', 'config'), { recursive: true });
    const setup = await localSshSetup(home, {});
    expect(setup.configError).toMatch(/^Cannot read .*\.ssh\/config: EISDIR/);
  });
});

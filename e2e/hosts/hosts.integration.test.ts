import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from './hosts';
import { sshRun } from './sshRun';
import { startTestHost, testHosts } from './testing';
import { blackHole, muteServer, refusingPort } from './zoo';

const ctx = testHosts();

function connectOutcome(host: string, port: number, timeoutMs: number): Promise<'connected' | 'refused' | 'timeout'> {
  return new Promise((resolve) => {
    const s = connect(port, host);
    const done = (v: 'connected' | 'refused' | 'timeout'): void => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(timeoutMs, () => done('timeout'));
    s.once('connect', () => done('connected'));
    s.once('error', () => done('refused'));
  });
}

describe.skipIf(!ctx).each(['sshd', 'systemd'] as const)('a %s test host', (flavour) => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour });
  });
  afterAll(async () => {
    await host?.stop();
  });

  const as = (username: string, auth: 'key' | 'password') => ({
    host: host.host,
    port: host.port,
    username,
    ...(auth === 'key' ? { privateKeyPath: host.keyPath } : { password: host.password }),
  });

  it('lets root in by key', async () => {
    const r = await sshRun(as('root', 'key'), 'id -u');
    expect(r).toMatchObject({ code: 0, stdout: '0\n' });
    expect(r.hostKey).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it.each(['berth', 'sudoer', 'pwuser'])('lets %s in by key and by password', async (user) => {
    expect((await sshRun(as(user, 'key'), 'whoami')).stdout).toBe(`${user}\n`);
    expect((await sshRun(as(user, 'password'), 'whoami')).stdout).toBe(`${user}\n`);
  });

  it('refuses root by password and a wrong password', async () => {
    await expect(sshRun({ ...as('root', 'password') }, 'true')).rejects.toThrow(/authentication methods failed/);
    await expect(sshRun({ ...as('pwuser', 'password'), password: 'wrong' }, 'true')).rejects.toThrow(/authentication methods failed/);
  });

  it('has passwordless sudo for berth only; sudoer needs the password; pwuser has none', async () => {
    expect((await sshRun(as('berth', 'key'), 'sudo -n true')).code).toBe(0);
    const sudoer = await sshRun(as('sudoer', 'key'), 'sudo -n true');
    expect(sudoer.code).not.toBe(0);
    expect(sudoer.stderr).toContain('a password is required');
    const withPassword = await sshRun(as('sudoer', 'key'), 'sudo -S -p "" id -u', { stdin: `${host.password}\n` });
    expect(withPassword).toMatchObject({ code: 0, stdout: '0\n' });
    expect((await sshRun(as('pwuser', 'key'), 'sudo -n true')).code).not.toBe(0);
  });

  it('changes its host key on demand', async () => {
    const before = (await sshRun(as('root', 'key'), 'true')).hostKey;
    await host.rotateHostKey();
    const after = (await sshRun(as('root', 'key'), 'true')).hostKey;
    expect(after).not.toBe(before);
  });

  it('drops a connection mid-command', async () => {
    const running = sshRun(as('root', 'key'), 'echo started; sleep 30; echo finished', { timeoutMs: 25_000 });
    await new Promise((r) => setTimeout(r, 1500));
    await host.dropConnections();
    const r = await running.catch((e: Error) => ({ code: null, stdout: '', stderr: e.message, hostKey: '' }));
    expect(r.stdout).not.toContain('finished');
    expect(r.code).not.toBe(0);
  });

  if (flavour === 'systemd') {
    it('boots systemd to running (or degraded), never offline', async () => {
      const r = await sshRun(as('root', 'key'), 'systemctl is-system-running --wait; ps -p 1 -o comm=');
      const [state, pid1] = r.stdout.trim().split('\n');
      expect(['running', 'degraded']).toContain(state);
      expect(pid1).toBe('systemd');
    });
  }
});

describe.skipIf(!ctx)('a privileged sshd host', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour: 'sshd', privileged: true });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('has the privileges a nested dockerd needs (network admin, writable cgroups, /var/lib/docker volume)', async () => {
    const r = await sshRun(
      { host: host.host, port: host.port, username: 'root', privateKeyPath: host.keyPath },
      'ip link add berth0 type bridge && echo netadmin; touch /sys/fs/cgroup/memory/berth-probe 2>/dev/null || mkdir /sys/fs/cgroup/memory/berth-probe && echo cgroups-rw; mountpoint -q /var/lib/docker && echo volume',
    );
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(['netadmin', 'cgroups-rw', 'volume']);
  });
});

describe('the bad host zoo', () => {
  it('has a port that refuses at once', async () => {
    const started = Date.now();
    expect(await connectOutcome('127.0.0.1', await refusingPort(), 3000)).toBe('refused');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('has an address that never answers', async () => {
    const hole = await blackHole();
    try {
      expect(await connectOutcome(hole.host, hole.port, 1500)).toBe('timeout');
    } finally {
      await hole.close();
    }
  });

  it('has a server that accepts and never speaks SSH', async () => {
    const mute = await muteServer();
    try {
      await expect(
        sshRun({ host: '127.0.0.1', port: mute.port, username: 'root', password: 'x' }, 'true', { timeoutMs: 2000 }),
      ).rejects.toThrow(/timed out|Timed out/);
    } finally {
      await mute.close();
    }
  });
});

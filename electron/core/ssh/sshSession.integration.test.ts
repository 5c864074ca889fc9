import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { docker, run } from '../../../e2e/hosts/docker';
import type { TestHost } from '../../../e2e/hosts/hosts';
import { startTestHost, testHosts } from '../../../e2e/hosts/testing';
import { blackHole, refusingPort } from '../../../e2e/hosts/zoo';
import { BerthError } from '../errors';
import { type ConnectOptions, connectSsh, type SshTarget } from './sshSession';

const ctx = testHosts();

async function codeOf(p: Promise<unknown>): Promise<[string, string]> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BerthError);
  return [(err as BerthError).code, (err as BerthError).message];
}

describe.skipIf(!ctx)('SSH sessions against a real sshd', () => {
  let host: TestHost;
  let dir: string;
  let known: string;
  const trustAll: ConnectOptions['trustUnknown'] = async () => true;

  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour: 'sshd' });
    dir = await mkdtemp(join(tmpdir(), 'berth-ssh-'));
  });
  afterAll(async () => {
    await host?.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    known = join(dir, `known_hosts-${Math.random().toString(36).slice(2)}`);
  });

  const target = (user: string, auth: SshTarget['auth']): SshTarget => ({ host: host.host, port: host.port, user, auth });

  it('logs in by key, runs commands on one connection and pins the host key on first use', async () => {
    const asked: string[] = [];
    const ssh = await connectSsh(target('root', { privateKeyPath: host.keyPath }), {
      knownHostsFile: known,
      trustUnknown: async (info) => (asked.push(info.fingerprint), true),
    });
    expect(asked).toEqual([ssh.hostKey.fingerprint]);
    expect(ssh.hostKey.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(await ssh.exec('id -u')).toMatchObject({ code: 0, stdout: '0\n' });
    expect(await ssh.exec('echo oops >&2; exit 3')).toMatchObject({ code: 3, stderr: 'oops\n' });
    expect(ssh.commands).toBe(2);
    ssh.close();
    expect((await stat(known)).mode & 0o777).toBe(0o600);
    expect(await readFile(known, 'utf8')).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${host.port} ssh-ed25519 AAAA`));
    // Pinned now: no question the second time.
    const again = await connectSsh(target('root', { privateKeyPath: host.keyPath }), { knownHostsFile: known });
    again.close();
  });

  it.each([
    { what: 'an ECDSA key', type: 'ecdsa', bits: [], passphrase: undefined },
    { what: 'an RSA key (rsa-sha2 signatures)', type: 'rsa', bits: ['-b', '3072'], passphrase: undefined },
    { what: 'an ed25519 key with a passphrase', type: 'ed25519', bits: [], passphrase: 'correct horse' },
  ] as const)('logs in with $what', async ({ type, bits, passphrase }) => {
    const keyPath = join(dir, `id_${type}_${passphrase ? 'pp' : 'plain'}`);
    await run('ssh-keygen', ['-q', '-t', type, ...bits, '-N', passphrase ?? '', '-f', keyPath]);
    await host.exec(`cat >> /root/.ssh/authorized_keys <<'EOF'\n${(await readFile(`${keyPath}.pub`, 'utf8')).trim()}\nEOF`);
    const ssh = await connectSsh(target('root', { privateKeyPath: keyPath, passphrase }), { knownHostsFile: known, trustUnknown: trustAll });
    expect((await ssh.exec('whoami')).stdout).toBe('root\n');
    ssh.close();
    if (passphrase) {
      const [code, message] = await codeOf(connectSsh(target('root', { privateKeyPath: keyPath }), { knownHostsFile: known }));
      expect(code).toBe('SSH_AUTH');
      expect(message).toMatch(new RegExp(`^Private key ${keyPath}: .*passphrase`));
    }
  });

  it('logs in through the ssh-agent', async () => {
    const sock = join(dir, 'agent.sock');
    const out = (await run('ssh-agent', ['-s', '-a', sock])).stdout;
    const agentPid = /SSH_AGENT_PID=(\d+)/.exec(out)![1]!;
    const saved = process.env.SSH_AUTH_SOCK;
    try {
      await run('env', [`SSH_AUTH_SOCK=${sock}`, 'ssh-add', '-q', host.keyPath]);
      process.env.SSH_AUTH_SOCK = sock;
      const ssh = await connectSsh(target('root', { agent: true }), { knownHostsFile: known, trustUnknown: trustAll });
      expect((await ssh.exec('whoami')).stdout).toBe('root\n');
      ssh.close();
    } finally {
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
      process.kill(Number(agentPid));
    }
  });

  it('logs in by password', async () => {
    const ssh = await connectSsh(target('pwuser', { password: host.password }), { knownHostsFile: known, trustUnknown: trustAll });
    expect((await ssh.exec('whoami')).stdout).toBe('pwuser\n');
    ssh.close();
  });

  it('uploads a file by SFTP with the mode asked for', async () => {
    const ssh = await connectSsh(target('root', { privateKeyPath: host.keyPath }), { knownHostsFile: known, trustUnknown: trustAll });
    await ssh.writeFile('/root/secret.pem', 'PRIVATE\n', 0o600);
    expect((await ssh.exec('stat -c %a /root/secret.pem; cat /root/secret.pem')).stdout).toBe('600\nPRIVATE\n');
    ssh.close();
  });

  it('sends no credentials to a host whose key the user did not accept', async () => {
    const before = (await docker(['logs', host.containerId])).stderr;
    const [code, message] = await codeOf(
      connectSsh(target('pwuser', { password: 'a-password-that-must-not-leave' }), { knownHostsFile: known, trustUnknown: async () => false }),
    );
    expect(code).toBe('HOST_KEY_UNTRUSTED');
    expect(message).toMatch(/Host key SHA256:\S+ \(ssh-ed25519\) of 127\.0\.0\.1:\d+ was not accepted/);
    const after = (await docker(['logs', host.containerId])).stderr.slice(before.length);
    expect(after).not.toMatch(/Failed password|Accepted|Invalid user/);
  });

  it.each([
    ['a wrong password', 'pwuser', { password: 'wrong' }, /SSH login as pwuser@127\.0\.0\.1:\d+ failed; tried: password/],
    ['root by password', 'root', { password: 'berth-test-password' }, /SSH login as root@.* failed; tried: password/],
  ])('names the failure for %s', async (_why, user, auth, message) => {
    const [code, text] = await codeOf(connectSsh(target(user, auth), { knownHostsFile: known, trustUnknown: trustAll }));
    expect(code).toBe('SSH_AUTH');
    expect(text).toMatch(message);
  });

  it('names the failure for a key the host does not know', async () => {
    const other = join(dir, 'other_key');
    const { run } = await import('../../../e2e/hosts/docker');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const [code, text] = await codeOf(connectSsh(target('root', { privateKeyPath: other }), { knownHostsFile: known, trustUnknown: trustAll }));
    expect(code).toBe('SSH_AUTH');
    expect(text).toContain(`tried: key ${other}`);
  });

  it('names an unreadable key file', async () => {
    const [code, text] = await codeOf(connectSsh(target('root', { privateKeyPath: join(dir, 'missing') }), { knownHostsFile: known }));
    expect(code).toBe('SSH_AUTH');
    expect(text).toContain('Cannot read the private key');
  });

  it('refuses a changed host key, naming both fingerprints, until re-trusted explicitly', async () => {
    const first = await connectSsh(target('root', { privateKeyPath: host.keyPath }), { knownHostsFile: known, trustUnknown: trustAll });
    const old = first.hostKey.fingerprint;
    first.close();
    await host.rotateHostKey();
    const [code, text] = await codeOf(connectSsh(target('root', { privateKeyPath: host.keyPath }), { knownHostsFile: known, trustUnknown: trustAll }));
    expect(code).toBe('HOST_KEY_CHANGED');
    expect(text).toContain(`pinned ${old}`);
    const fresh = /now offered (SHA256:\S+)/.exec(text)![1]!;
    expect(fresh).not.toBe(old);
    const retrusted = await connectSsh(target('root', { privateKeyPath: host.keyPath }), { knownHostsFile: known, acceptFingerprint: fresh });
    expect(retrusted.hostKey.fingerprint).toBe(fresh);
    retrusted.close();
  });

  it('says when a connection drops mid-command', async () => {
    const ssh = await connectSsh(target('root', { privateKeyPath: host.keyPath }), { knownHostsFile: known, trustUnknown: trustAll });
    const running = ssh.exec('sleep 30');
    await new Promise((r) => setTimeout(r, 1000));
    await host.dropConnections();
    const r = await running;
    expect(r.code).toBeNull();
    ssh.close();
  });
});

describe('SSH connection failures', () => {
  let known: string;
  beforeAll(async () => {
    known = join(await mkdtemp(join(tmpdir(), 'berth-ssh-')), 'known_hosts');
    await writeFile(known, '');
  });

  it('names a refused port', async () => {
    const port = await refusingPort();
    const [code, text] = await codeOf(connectSsh({ host: '127.0.0.1', port, user: 'root', auth: { password: 'x' } }, { knownHostsFile: known }));
    expect([code, text]).toEqual(['UNREACHABLE', `127.0.0.1:${port} refused the SSH connection`]);
  });

  it('names a host that never answers, within the timeout', async () => {
    const hole = await blackHole();
    try {
      const started = Date.now();
      const [code, text] = await codeOf(
        connectSsh({ host: hole.host, port: hole.port, user: 'root', auth: { password: 'x' } }, { knownHostsFile: known, readyTimeoutMs: 1500 }),
      );
      expect(Date.now() - started).toBeLessThan(3000);
      expect([code, text]).toEqual(['UNREACHABLE', `127.0.0.1:${hole.port} did not answer SSH within 1.5 s`]);
    } finally {
      await hole.close();
    }
  });
});

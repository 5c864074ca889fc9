import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../../../e2e/hosts/hosts';
import { TEST_PASSWORD } from '../../../e2e/hosts/image';
import { startTestHost, testHosts } from '../../../e2e/hosts/testing';
import { connectSsh, type SshSession } from '../ssh/sshSession';
import { asRoot, detectPrivilege } from './privilege';

const ctx = testHosts();

// The sudo password goes to sudo's own prompt and nowhere else: a command run as root never reads it
// from its stdin, whether sudo asked for it or not.
describe.skipIf(!ctx)('root through sudo with a password, on a real sshd', () => {
  let host: TestHost;
  let dir: string;
  const sessions: SshSession[] = [];
  const login = async (user: string): Promise<SshSession> => {
    const s = await connectSsh({ host: host.host, port: host.port, user, auth: { privateKeyPath: host.keyPath } }, { knownHostsFile: join(dir, 'known'), trustUnknown: async () => true });
    sessions.push(s);
    return s;
  };

  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour: 'sshd' });
    dir = await mkdtemp(join(tmpdir(), 'berth-sudo-'));
  });
  afterAll(async () => {
    sessions.forEach((s) => s.close());
    await host?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers sudo\'s prompt, then the command sees an empty stdin and no marker reaches the caller', async () => {
    const ssh = await login('sudoer');
    const privilege = await detectPrivilege(ssh, TEST_PASSWORD);
    expect(privilege.kind).toBe('sudo-password');
    const { command, answer } = asRoot('id -u; echo "stdin=[$(cat)]"; echo err >&2', privilege);
    const seen: string[] = [];
    const r = await ssh.exec(command, { answer, onOutput: (t) => seen.push(t) });
    expect(r).toMatchObject({ code: 0, stdout: '0\nstdin=[]\n', stderr: 'err\n' });
    expect(seen.join('')).not.toMatch(/berth-(sudo|root)-|berth-test-password/);
  });

  it('never hands the password to the command when sudo does not ask for it', async () => {
    // berth's sudo needs no password: with the password mode anyway, sudo never prompts.
    const ssh = await login('berth');
    const { command, answer } = asRoot('echo "stdin=[$(cat)]"', { kind: 'sudo-password', password: TEST_PASSWORD });
    const r = await ssh.exec(command, { answer, timeoutMs: 20_000 });
    expect(r).toMatchObject({ code: 0, stdout: 'stdin=[]\n' });
  });

  it('a wrong password fails at once, not after three prompts', async () => {
    const ssh = await login('sudoer');
    const { command, answer } = asRoot('true', { kind: 'sudo-password', password: 'wrong-password' });
    const started = Date.now();
    const r = await ssh.exec(command, { answer, timeoutMs: 30_000 });
    expect(r.code).not.toBe(0);
    expect(r.stderr).not.toContain('berth-sudo-');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

import { execFile } from 'node:child_process';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../../../../e2e/hosts/hosts';
import { requestFor } from '../../../../e2e/hosts/machineOnHost';
import { startTestHost, testHosts } from '../../../../e2e/hosts/testing';
import { refusingPort } from '../../../../e2e/hosts/zoo';
import type { GenericCreateRequest, ProgressEvent } from '../../../../shared/types';
import { createCore } from '../../core';
import { BerthError } from '../../errors';
import { nodePlatform } from '../../platform/platform';
import { knownHostsPath } from '../../ssh/hostKeys';
import { probeHostKey } from '../../ssh/sshSession';
import { provisionMachine } from '../../services/provisioning';
import { createGenericMachine } from './create';
import { removeMachine } from '../../services/removal';
import { MachineService } from '../../services/machineService';

const ctx = testHosts();

function dockerCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('docker', args, { env: { PATH: process.env.PATH, ...env } }, (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout))),
  );
}

function envOf(text: string): NodeJS.ProcessEnv {
  return Object.fromEntries([...text.matchAll(/^export (\w+)="(.*)"$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe.skipIf(!ctx)('generic driver against real hosts', () => {
  let store: string;
  let machines: MachineService;
  const hosts: TestHost[] = [];
  const events: ProgressEvent[] = [];
  const hooks = { onProgress: (e: ProgressEvent) => events.push(e) };

  beforeAll(async () => {
    store = await mkdtemp(join(tmpdir(), 'berth-generic-'));
    machines = new MachineService(store, {});
  });
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.stop()));
    await rm(store, { recursive: true, force: true });
  });

  const request = (host: TestHost, name: string, extra: Partial<GenericCreateRequest> = {}): Promise<GenericCreateRequest> =>
    requestFor(host, store, name, {
      engineOptions: { labels: ['berth.test=yes'], insecureRegistries: [], registryMirrors: [], storageDriver: '', env: [], flags: [] },
      extraSans: ['docker.test.invalid'],
      ...extra,
    });

  it('installs docker.io on a fresh systemd host, secures it with TLS, and the docker CLI works with env', async () => {
    const host = await startTestHost(ctx!, { flavour: 'systemd' });
    hosts.push(host);
    expect(await host.exec('command -v dockerd || echo none')).toBe('none\n');
    const status = await createGenericMachine(machines, await request(host, 'sysd'), hooks);
    expect(status).toMatchObject({ state: 'Running', url: `tcp://127.0.0.1:${host.dockerPort}`, error: null });
    expect(status.dockerVersion).toMatch(/^v20\.10\./);
    const env = envOf(await machines.env('sysd', { shell: 'bash', unset: false, noProxy: false }));
    expect(await dockerCli(['version', '--format', '{{.Server.Version}}'], env)).toMatch(/^20\.10\./);
    expect(await dockerCli(['info', '--format', '{{json .Labels}}'], env)).toContain('berth.test=yes');
    // Plain docker with the store's certs, as the acceptance says.
    const certs = join(store, 'certs');
    const flags = ['--tlsverify', '--tlscacert', join(certs, 'ca.pem'), '--tlscert', join(certs, 'cert.pem'), '--tlskey', join(certs, 'key.pem')];
    expect(await dockerCli([...flags, '-H', `tcp://127.0.0.1:${host.dockerPort}`, 'version', '--format', '{{.Server.Os}}'], {})).toBe('linux\n');
    expect(await host.exec('hostname; stat -c %a /etc/docker/server-key.pem; cat /etc/systemd/system/docker.service.d/10-berth.conf')).toMatch(
      /^sysd\n600\n[\s\S]*ExecStart="\/usr\/sbin\/dockerd" "-H" "fd:\/\/" "-H" "tcp:\/\/0\.0\.0\.0:\d+"/,
    );
    // The server key never travelled on a command line: only the SFTP upload carried it.
    expect((await stat(join(store, 'machines', 'sysd', 'server-key.pem'))).mode & 0o777).toBe(0o600);
    const steps = events.filter((e) => e.kind === 'step' && e.machine === 'sysd' && e.state !== 'running').map((e) => e.kind === 'step' && `${e.step}:${e.state}`);
    expect(steps).toEqual([
      'Detect OS:done',
      'Check privileges:done',
      'Set hostname:done',
      'Install Docker Engine:done',
      'Install TLS certificates:done',
      'Configure Docker:done',
      'Start Docker:done',
      'Wait for Docker over TLS:done',
    ]);
  });

  it('re-provisions idempotently, skipping the install that is already there', async () => {
    events.length = 0;
    const status = await provisionMachine(machines, 'sysd', {}, hooks);
    expect(status.state).toBe('Running');
    expect(events).toContainEqual(expect.objectContaining({ kind: 'step', step: 'Install Docker Engine', state: 'skipped' }));
  });

  it('provisions a host without systemd through a supervised dockerd, as a user whose sudo needs a password', async () => {
    const host = await startTestHost(ctx!, { flavour: 'sshd', privileged: true });
    hosts.push(host);
    const req = await request(host, 'plain', { user: 'sudoer', auth: { kind: 'password', password: host.password }, sudoPassword: host.password });
    const status = await createGenericMachine(machines, req, hooks);
    expect(status).toMatchObject({ state: 'Running', error: null });
    // Berth authorised its own key, so provisioning again needs no password for SSH.
    const record = await machines.record('plain');
    expect(record.config.Driver.SSHKeyPath).toBe(join(store, 'machines', 'plain', 'id_ed25519'));
    expect((await provisionMachine(machines, 'plain', { sudoPassword: host.password }, hooks)).state).toBe('Running');
    expect(await host.exec('pgrep -f berth-dockerd >/dev/null && echo supervised')).toBe('supervised\n');
  });

  it('says sudo needs a password, and keeps the failed machine listed as Error with the step', async () => {
    const host = hosts[1]!;
    const req = await request(host, 'nopw', { user: 'sudoer', engine: { kind: 'keep' } });
    const err = await createGenericMachine(machines, req, hooks).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).code).toBe('SUDO_PASSWORD');
    expect((err as BerthError).message).toMatch(/step "Check privileges": sudo needs a password for sudoer@127\.0\.0\.1/);
    const listed = (await machines.listing()).machines.find((m) => m.name === 'nopw')!;
    expect(listed.provisionError).toMatch(/Check privileges/);
    // The others are untouched.
    expect((await machines.listing()).machines.filter((m) => m.error === null).map((m) => m.name)).toEqual(['nopw', 'plain', 'sysd']);
    await removeMachine(machines, 'nopw');
    expect((await machines.listing()).machines.map((m) => m.name)).toEqual(['plain', 'sysd']);
  });

  it('fails clearly with a wrong password: the machine stays listed as Error, the others are untouched', async () => {
    const req = await request(hosts[0]!, 'badpw', { user: 'pwuser', auth: { kind: 'password', password: 'wrong' } });
    const err = await createGenericMachine(machines, req, hooks).catch((e: unknown) => e);
    expect((err as BerthError).code).toBe('SSH_AUTH');
    expect((err as BerthError).message).toMatch(/SSH login as pwuser@.* failed; tried: password/);
    const listing = (await machines.listing()).machines;
    expect(listing.find((m) => m.name === 'badpw')!.provisionError).toMatch(/SSH login as pwuser/);
    expect(listing.every((m) => m.error === null)).toBe(true);
    await removeMachine(machines, 'badpw');
  });

  it('fails clearly with a key the host does not accept', async () => {
    const stranger = join(store, 'stranger_ed25519');
    await writeFile(stranger, ssh2.utils.generateKeyPairSync('ed25519').private, { mode: 0o600 });
    const err = await createGenericMachine(machines, await request(hosts[0]!, 'badkey2', { auth: { kind: 'key', keyPath: stranger } }), hooks).catch((e: unknown) => e);
    expect((err as BerthError).code).toBe('SSH_AUTH');
    expect((err as BerthError).message).toContain(`SSH login as root@127.0.0.1:${hosts[0]!.port} failed; tried: key ${stranger}`);
    expect((await machines.listing()).machines.find((m) => m.name === 'badkey2')!.provisionError).toMatch(/SSH login as root/);
    await removeMachine(machines, 'badkey2');
  });

  it('refuses an unreadable key before saving anything', async () => {
    const err = await createGenericMachine(machines, await request(hosts[0]!, 'badkey', { auth: { kind: 'key', keyPath: '/nonexistent/key' } }), hooks).catch(
      (e: unknown) => e,
    );
    expect((err as BerthError).code).toBe('SSH_AUTH');
    expect((err as BerthError).message).toMatch(/Cannot read the private key \/nonexistent\/key/);
    expect((await machines.listing()).machines.map((m) => m.name)).not.toContain('badkey');
  });

  it('fails clearly on a refused port', async () => {
    const port = await refusingPort();
    const req = { ...(await request(hosts[0]!, 'refused')), port, acceptHostKey: undefined };
    const err = await createGenericMachine(machines, req, hooks).catch((e: unknown) => e);
    expect([(err as BerthError).code, (err as BerthError).message]).toEqual(['UNREACHABLE', `127.0.0.1:${port} refused the SSH connection`]);
    await removeMachine(machines, 'refused');
  });

  it('refuses a changed host key, and provisioning works again after an explicit re-trust', async () => {
    const host = hosts[0]!;
    await host.rotateHostKey();
    const err = await provisionMachine(machines, 'sysd', {}, hooks).catch((e: unknown) => e);
    expect((err as BerthError).code).toBe('HOST_KEY_CHANGED');
    expect((await readFile(join(store, 'machines', 'sysd', 'config.json'), 'utf8')).length).toBeGreaterThan(100);
    const probe = await probeHostKey(host.host, host.port, knownHostsPath(store));
    expect(probe.status).toBe('changed');
    expect((await provisionMachine(machines, 'sysd', { acceptHostKey: probe.fingerprint }, hooks)).state).toBe('Running');
  });

  it('finishes a provisioning that was cut off mid-way when run again', async () => {
    const host = hosts[0]!;
    const running = provisionMachine(machines, 'sysd', {}, {
      onProgress: (e) => {
        if (e.kind === 'step' && e.step === 'Configure Docker' && e.state === 'running') void host.dropConnections();
      },
    });
    await expect(running).rejects.toThrow(/Machine "sysd", step "/);
    expect((await machines.listing()).machines.find((m) => m.name === 'sysd')!.provisionError).not.toBeNull();
    expect((await provisionMachine(machines, 'sysd', {}, hooks)).state).toBe('Running');
    expect((await machines.listing()).machines.find((m) => m.name === 'sysd')!.provisionError).toBeNull();
  });

  it('cancels over IPC at the next step: the machine shows Error, and provisioning again finishes it', async () => {
    const core = createCore({ storePath: store, platform: nodePlatform, env: {} });
    let cancelled = false;
    const client = core.connect((event, payload) => {
      const e = payload as ProgressEvent;
      if (!cancelled && event === 'machine.progress' && e.kind === 'step' && e.step === 'Detect OS' && e.state === 'running') {
        cancelled = true;
        void client.dispatch('machine.cancel', { name: 'sysd' });
      }
    });
    try {
      const result = await client.dispatch('machine.provision', { name: 'sysd' });
      // The connection closes at once: the step running ends as cancelled (or, had it just finished, the next never starts).
      expect(result).toEqual({ ok: false, error: { code: 'CANCELLED', message: expect.stringMatching(/^Machine "sysd": cancelled (at step "Detect OS"|before "Check privileges")$/) } });
      expect((await machines.listing()).machines.find((m) => m.name === 'sysd')!.provisionError).toMatch(/^Machine "sysd": cancelled/);
      expect(await client.dispatch('machine.provision', { name: 'sysd' })).toMatchObject({ ok: true, value: { name: 'sysd', state: 'Running' } });
    } finally {
      client.close();
      core.close();
    }
  });
});

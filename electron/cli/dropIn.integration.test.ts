import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../../e2e/hosts/hosts';
import { startTestHost, testHosts } from '../../e2e/hosts/testing';
import { type BerthRun, runBerth } from '../../e2e/support/runBerth';
import { createCa } from '../core/tls/certs';

// Berth in place of docker-machine: the exact calls GitLab Runner's docker+machine executor makes,
// each output and exit code as docker-machine 0.16.2 prints them (texts from its source:
// commands/*.go, libmachine/mcnerror, libmachine/host), on a real systemd host; then a store and a
// host shared with docker-machine (its config.json rewrite, its systemd drop-in).

const ctx = testHosts();
const GITLAB = ['--bugsnag-api-token=no-report'];

describe.skipIf(!ctx)('berth as docker-machine, called the way GitLab Runner calls it', () => {
  let host: TestHost;
  let store: string;
  const berth = (args: string[]): Promise<BerthRun> => runBerth([...GITLAB, '-s', store, ...args]);
  const createArgs = (name: string, ...more: string[]): string[] => [
    'create', '--driver', 'generic',
    '--generic-ip-address', host.host,
    '--generic-ssh-port', String(host.port),
    '--generic-ssh-user', 'berth',
    '--generic-ssh-key', host.keyPath,
    '--generic-engine-port', String(host.dockerPort),
    '--accept-host-key', 'new',
    ...more,
    name,
  ];

  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour: 'systemd' });
    store = await mkdtemp(join(tmpdir(), 'berth-dropin-'));
  });
  afterAll(async () => {
    await host?.stop();
    await rm(store, { recursive: true, force: true });
  });

  it('create, provision, ip, url, status, config, inspect -f, stop, rm -y: outputs and exit codes as docker-machine', async () => {
    const hostname = (await host.exec('hostname')).trim();
    const created = await berth(createArgs('runner-1', '--no-hostname'));
    expect(created.code).toBe(0);
    // No question asked, the key pinned on first use and said so (OpenSSH's accept-new).
    expect(created.stderr).toMatch(/^Warning: trusting the host key of 127\.0\.0\.1:\d+ on first use: SHA256:\S{43} \(ssh-ed25519\)\n$/);
    expect(created.stdout).toMatch(/To see how to connect your Docker Client to the Docker Engine running on this machine, run: berth env runner-1\n$/);

    const provisioned = await berth(['provision', 'runner-1']);
    expect([provisioned.code, provisioned.stderr]).toEqual([0, '']);

    const url = `tcp://127.0.0.1:${host.dockerPort}`;
    const dir = join(store, 'machines', 'runner-1');
    const expectations: [string[], string][] = [
      [['ip', 'runner-1'], '127.0.0.1\n'],
      [['url', 'runner-1'], `${url}\n`],
      [['status', 'runner-1'], 'Running\n'],
      [['config', 'runner-1'], `--tlsverify\n--tlscacert="${dir}/ca.pem"\n--tlscert="${dir}/cert.pem"\n--tlskey="${dir}/key.pem"\n-H=${url}\n`],
      [['inspect', 'runner-1', '-f', '{{.HostOptions.AuthOptions.StorePath}}'], `${dir}\n`],
    ];
    for (const [args, stdout] of expectations) expect(await berth(args)).toEqual({ code: 0, stdout, stderr: '' });
    // --no-hostname held: the host kept its name.
    expect((await host.exec('hostname')).trim()).toBe(hostname);

    // Health check with Docker down: the certificate check fails, docker-machine's words.
    await host.exec('systemctl stop docker.service docker.socket');
    const dockerDown = await berth(['config', 'runner-1']);
    expect(dockerDown.code).toBe(1);
    expect(dockerDown.stdout).toBe('');
    // Docker's port publisher accepts and resets where a real host would refuse: Go's words for either.
    const addr = `127.0.0.1:${host.dockerPort}`;
    expect(dockerDown.stderr.replace(`read tcp ${addr}: connection reset by peer`, `dial tcp ${addr}: connect: connection refused`)).toBe(
      `Error running connection boilerplate: Error checking and/or regenerating the certs: There was an error validating certificates for host "${addr}": dial tcp ${addr}: connect: connection refused\n` +
        "You can attempt to regenerate them using 'berth regenerate-certs [name]'.\n" +
        'Be advised that this will trigger a Docker daemon restart which might stop running containers.\n\n',
    );
    await host.exec('systemctl start docker.service');
    expect((await berth(['config', 'runner-1'])).code).toBe(0);

    // A generic host is not Berth's to power off: stop fails (exit 1), as docker-machine's generic driver does.
    const stopped = await berth(['stop', 'runner-1']);
    expect([stopped.code, stopped.stdout]).toEqual([1, 'Stopping "runner-1"...\n']);
    expect(stopped.stderr).toMatch(/^Cannot stop "runner-1": generic driver does not support stop: /);

    expect(await berth(['rm', '-y', 'runner-1'])).toEqual({
      code: 0,
      stdout: 'About to remove runner-1\nWARNING: This action will delete both local reference and remote instance.\nSuccessfully removed runner-1\n',
      stderr: '',
    });
    expect(existsSync(dir)).toBe(false);
  });

  it("answers callers' other matches in docker-machine's words", async () => {
    expect(await berth(['inspect', 'UNKNOWN'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Docker machine "UNKNOWN" does not exist. Use "berth ls" to list machines. Use "berth create" to add a new one.\n',
    });
    const made = await berth(createArgs('taken'));
    expect(made.code).toBe(0);
    // A taken name is refused before anything is contacted: an address nobody answers returns at once.
    const started = Date.now();
    const again = await berth(['create', '--driver', 'generic', '--generic-ip-address', '192.0.2.1', '--generic-ssh-key', host.keyPath, 'taken']);
    expect(again).toEqual({ code: 1, stdout: '', stderr: 'Docker machine "taken" already exists\n' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('ssh NAME -- CMD and ssh NAME -C CMD run the command, as with docker-machine (OpenSSH)', async () => {
    expect(await berth(['ssh', 'taken', '--', 'ls', '-d', '/etc', '/usr'])).toEqual({ code: 0, stdout: '/etc\n/usr\n', stderr: '' });
    expect(await berth(['ssh', 'taken', '-C', 'echo', 'foo'])).toEqual({ code: 0, stdout: 'foo\n', stderr: '' });
    const refused = await berth(['ssh', 'taken', '-o', 'StrictHostKeyChecking=no', 'true']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^ssh option -o is not supported/);
  });

  it("lives beside docker-machine: its config.json rewrite loses nothing of Berth's, its 10-machine.conf is taken over", async () => {
    const file = join(store, 'machines', 'taken', 'config.json');
    const text = await readFile(file, 'utf8');
    // docker-machine writes config.json from its own struct: only its fields survive. Berth keeps none there.
    expect(text).not.toMatch(/Berth/);
    await writeFile(file, `${JSON.stringify(JSON.parse(text), null, 4)}\n`, { mode: 0o600 });
    expect(JSON.parse(await readFile(join(store, 'machines', 'taken', 'berth-machine.json'), 'utf8'))).toEqual({
      engineInstall: { kind: 'distro' },
      setHostname: true,
    });

    // What `docker-machine provision` leaves on a Debian host: a drop-in starting a dockerd that does not exist there.
    await host.exec(
      "printf '[Service]\\nExecStart=\\nExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2376 -H unix:///var/run/docker.sock --storage-driver overlay2 --tlsverify --tlscacert /etc/docker/ca.pem --tlscert /etc/docker/server.pem --tlskey /etc/docker/server-key.pem --label provider=generic\\nEnvironment=\\n' > /etc/systemd/system/docker.service.d/10-machine.conf && systemctl daemon-reload",
    );
    // -D as a global flag, before the command (docker-machine's place for it), shows the remote log.
    const r = await berth(['-D', 'provision', 'taken']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Removed docker-machine's /etc/systemd/system/docker.service.d/10-machine.conf (ExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2376");
    expect(await host.exec('ls /etc/systemd/system/docker.service.d/')).toBe('10-berth.conf\n');
    // Docker survives its next restart, and answers over TLS again.
    await host.exec('systemctl restart docker.service');
    expect(await berth(['version', 'taken'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^20\.10\./) });
  });

  it('--tls-ca-cert/--tls-ca-key/--tls-client-cert/--tls-client-key: the machine is made and reached with those files', async () => {
    const own = await mkdtemp(join(tmpdir(), 'berth-own-ca-'));
    const ca = await createCa('elsewhere');
    await writeFile(join(own, 'ca.pem'), ca.certPem);
    await writeFile(join(own, 'ca-key.pem'), ca.keyPem, { mode: 0o600 });
    const tls = ['--tls-ca-cert', join(own, 'ca.pem'), '--tls-ca-key', join(own, 'ca-key.pem'), '--tls-client-cert', join(own, 'cert.pem'), '--tls-client-key', join(own, 'key.pem')];
    expect((await berth(['rm', '-y', 'taken'])).code).toBe(0);
    const made = await runBerth([...tls, '-s', store, ...createArgs('own-ca')]);
    expect(made.code).toBe(0);
    const auth = (JSON.parse(await readFile(join(store, 'machines', 'own-ca', 'config.json'), 'utf8')) as { HostOptions: { AuthOptions: Record<string, string> } }).HostOptions.AuthOptions;
    expect(auth).toMatchObject({ CaCertPath: join(own, 'ca.pem'), CaPrivateKeyPath: join(own, 'ca-key.pem'), ClientCertPath: join(own, 'cert.pem'), ClientKeyPath: join(own, 'key.pem') });
    expect(await readFile(join(store, 'certs', 'ca.pem'), 'utf8')).not.toBe(ca.certPem);
    // The machine's copies (env's DOCKER_CERT_PATH) are of the given CA, which Docker now trusts.
    expect(await readFile(join(store, 'machines', 'own-ca', 'ca.pem'), 'utf8')).toBe(ca.certPem);
    expect(await berth(['ls', '-f', '{{.Name}} {{.State}} {{.Error}}'])).toMatchObject({ code: 0, stdout: 'own-ca Running \n' });
    // Provisioned again without the flags, the machine keeps a certificate from the CA it was made with.
    expect((await berth(['regenerate-certs', '-f', 'own-ca'])).code).toBe(0);
    expect(await berth(['ls', '-f', '{{.Name}} {{.State}} {{.Error}}'])).toMatchObject({ code: 0, stdout: 'own-ca Running \n' });
    await rm(own, { recursive: true, force: true });
  });

  it('health check of a host that is down (nothing answers its SSH port): docker-machine\'s "Host is not running", exit 1', async () => {
    // Stopped for good: while the container runs, Docker's port publisher accepts every connection.
    await host.stop();
    expect(await berth(['config', 'own-ca'])).toEqual({ code: 1, stdout: '', stderr: 'Error running connection boilerplate: Host is not running\n' });
    expect(await berth(['env', 'own-ca'])).toEqual({ code: 1, stdout: '', stderr: 'Error checking TLS connection: Host is not running\n' });
    expect(await berth(['url', 'own-ca'])).toEqual({ code: 1, stdout: '', stderr: 'Host is not running\n' });
    expect(await berth(['status', 'own-ca'])).toEqual({ code: 0, stdout: 'Stopped\n', stderr: '' });
    // The offline answer stays available on request.
    expect(await berth(['url', '--no-check', 'own-ca'])).toEqual({ code: 0, stdout: `tcp://127.0.0.1:${host.dockerPort}\n`, stderr: '' });
  });
});

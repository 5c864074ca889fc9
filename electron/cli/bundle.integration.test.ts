import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../../e2e/hosts/hosts';
import { startTestHost, testHosts } from '../../e2e/hosts/testing';
import { type BerthRun, runBerth } from '../../e2e/support/runBerth';

// Taking machines along and adopting running daemons, against a real sshd/dockerd host and Debian's
// docker CLI: a generic machine Berth provisioned and a `-d none` machine adopted from its daemon
// are exported from one store, imported into a fresh store elsewhere, and reached there with
// `berth env`; damaged bundles change nothing; adopting leaves the host exactly as it was.

const ctx = testHosts();
const run = promisify(execFile);
const PASS = 'tr0ub4dor & 3';

describe.skipIf(!ctx)('berth export / import / adopt', () => {
  let host: TestHost;
  let work: string;
  let storeA: string;
  let storeB: string;
  let url: string;
  const berth = (store: string, args: string[], stdin?: string): Promise<BerthRun> => runBerth(['-s', store, ...args], { stdin });
  /** The docker CLI with what `berth env` prints for the machine, as a shell's eval would set it. */
  const dockerVia = async (store: string, name: string): Promise<string> => {
    const env = await berth(store, ['env', '--shell', 'bash', name]);
    expect(env.code, env.stderr).toBe(0);
    const vars = Object.fromEntries([...env.stdout.matchAll(/^export (\w+)="([^"]*)"$/gm)].map((m) => [m[1]!, m[2]!]));
    return (await run('docker', ['version', '--format', '{{.Server.Version}}'], { env: { PATH: process.env.PATH, ...vars } })).stdout.trim();
  };
  /** What adopting must not change: Docker's files on the host and dockerd's start time. */
  const hostFingerprint = (): Promise<string> =>
    host.exec('find /etc/docker /etc/systemd/system -type f 2>/dev/null | sort | xargs -r sha256sum; cat ~berth/.ssh/authorized_keys | sha256sum; ps -o lstart= -p "$(pidof dockerd)"');

  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour: 'sshd', privileged: true });
    work = await mkdtemp(join(tmpdir(), 'berth-bundle-'));
    storeA = join(work, 'a');
    storeB = join(work, 'elsewhere', 'b');
    url = `tcp://127.0.0.1:${host.dockerPort}`;
    const made = await berth(storeA, [
      'create', '-d', 'generic', '--generic-ip-address', host.host, '--generic-ssh-port', String(host.port), '--generic-ssh-user', 'berth',
      '--generic-ssh-key', host.keyPath, '--generic-engine-port', String(host.dockerPort), '--accept-host-key', 'new', 'gen1',
    ]);
    expect(made.code, made.stderr).toBe(0);
  });
  afterAll(async () => {
    await host?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('adopts the running daemon by its URL (-d none): checked, listed, env works, lifecycle refused with the reason; the host is unchanged', async () => {
    const before = await hostFingerprint();
    const r = await berth(storeA, ['create', '-d', 'none', '--url', url, 'adopted']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Docker v?20\.10\.\S+ answers at tcp:\/\/127\.0\.0\.1:\d+; nothing on the host was changed/);
    expect(await hostFingerprint()).toBe(before);
    const config = JSON.parse(await readFile(join(storeA, 'machines', 'adopted', 'config.json'), 'utf8'));
    expect(config.DriverName).toBe('none');
    expect(config.Driver.URL).toBe(url);
    expect((await berth(storeA, ['ls', '--format', '{{.Name}} {{.DriverName}} {{.State}} {{.URL}}', '--filter', 'name=adopted'])).stdout).toBe(`adopted none Running ${url}\n`);
    expect(await dockerVia(storeA, 'adopted')).toMatch(/^20\.10\./);
    const stop = await berth(storeA, ['stop', 'adopted']);
    expect(stop.code).toBe(1);
    expect(stop.stderr).toContain('hosts without a driver cannot be stopped');
    const ssh = await berth(storeA, ['ssh', 'adopted', 'true']);
    expect(ssh.code).toBe(1);
    expect(ssh.stderr).toContain('Berth has no SSH access to this host');
  });

  it('refuses to adopt a daemon the given certificates do not reach, and keeps nothing', async () => {
    const stranger = await mkdtemp(join(work, 'other-store-'));
    expect((await berth(stranger, ['create', '-d', 'none', '--url', url, 'nope'])).stderr).toMatch(/^This store has no client certificate yet .*--tls-ca-cert, --tls-client-cert and --tls-client-key\n$/);
    // Another CA's certificates (docker-machine's fixture store): the daemon's certificate does not verify.
    const other = join(process.cwd(), 'e2e', 'fixtures', 'docker-machine-store', 'certs');
    const r = await runBerth(['-s', stranger, '--tls-ca-cert', join(other, 'ca.pem'), '--tls-client-cert', join(other, 'cert.pem'), '--tls-client-key', join(other, 'key.pem'), 'create', '-d', 'none', '--url', url, 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Check the Docker daemon over TLS.*(There was an error validating certificates|did not accept)/s);
    expect(await readdir(join(stranger, 'machines')).catch(() => [])).toEqual([]);
    expect((await berth(stranger, ['create', '-d', 'none', 'nope'])).stderr).toBe('--url option is required when no driver is selected\n');
  });

  it('adopts it as a generic machine keeping its Engine and certificates: SSH and Docker work, the host is unchanged, regenerate-certs refused', async () => {
    const storeC = join(work, 'c');
    const before = await hostFingerprint();
    const certs = join(storeA, 'certs');
    const r = await runBerth([
      '-s', storeC, '--tls-ca-cert', join(certs, 'ca.pem'), '--tls-client-cert', join(certs, 'cert.pem'), '--tls-client-key', join(certs, 'key.pem'),
      'create', '-d', 'generic', '--generic-ip-address', host.host, '--generic-ssh-port', String(host.port), '--generic-ssh-user', 'berth',
      '--generic-ssh-key', host.keyPath, '--generic-engine-port', String(host.dockerPort), '--accept-host-key', 'new', '--engine-install', 'adopt', 'kept',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Check the Docker daemon over TLS');
    expect(r.stdout).not.toContain('Install Docker Engine');
    expect(await hostFingerprint()).toBe(before);
    expect(await dockerVia(storeC, 'kept')).toMatch(/^20\.10\./);
    expect((await berth(storeC, ['ssh', 'kept', 'echo', 'hi'])).stdout).toBe('hi\n');
    // Provisioning again only checks again.
    expect((await berth(storeC, ['provision', 'kept'])).code).toBe(0);
    expect(await hostFingerprint()).toBe(before);
    const regen = await berth(storeC, ['regenerate-certs', '-f', 'kept']);
    expect(regen.code).toBe(1);
    expect(regen.stderr).toContain('its Docker Engine and certificates were adopted as they are');
  });

  it('exports two machines to one sealed file and imports them into a fresh store elsewhere, where the docker CLI reaches both', async () => {
    const file = join(work, 'team.berth');
    const exp = await berth(storeA, ['export', '-o', file, '--passphrase-stdin', 'gen1', 'adopted'], `${PASS}\n`);
    expect(exp, exp.stderr).toMatchObject({ code: 0, stdout: `Exported gen1, adopted to ${file}\n` });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file)).toString('latin1')).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    // Never over an existing file.
    expect((await berth(storeA, ['export', '-o', file, '--passphrase-stdin', 'gen1'], `${PASS}\n`)).stderr).toBe(`${file} already exists: choose another file with -o\n`);

    const imp = await berth(storeB, ['import', '--passphrase-stdin', file], `${PASS}\n`);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toContain('Imported "gen1"\n  ok: SSH as berth@127.0.0.1');
    expect(imp.stdout).toMatch(/Imported "adopted"\n {2}ok: Docker v?20\.10/);
    expect(await dockerVia(storeB, 'gen1')).toMatch(/^20\.10\./);
    expect(await dockerVia(storeB, 'adopted')).toMatch(/^20\.10\./);
    // Every recorded path is in the new store; keys are private; the host key came along pinned.
    const config = await readFile(join(storeB, 'machines', 'gen1', 'config.json'), 'utf8');
    expect(config).not.toContain(storeA);
    expect(JSON.parse(config).HostOptions.AuthOptions.CaPrivateKeyPath).toBe('');
    for (const f of ['key.pem', 'id_rsa']) expect((await stat(join(storeB, 'machines', 'gen1', f))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(storeB, 'berth-known_hosts'), 'utf8')).toBe(await readFile(join(storeA, 'berth-known_hosts'), 'utf8'));
    expect((await berth(storeB, ['ssh', 'gen1', 'echo', 'moved'])).stdout).toBe('moved\n');
    // Without its CA key, provisioning is refused with the reason instead of signing with this store's CA.
    expect((await berth(storeB, ['provision', 'gen1'])).stderr).toContain('its CA key is not in this store');

    // A second import clashes: nothing is written, each clash named; --rename and --skip settle it.
    const clash = await berth(storeB, ['import', '--passphrase-stdin', file], `${PASS}\n`);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('Nothing was imported: "gen1" is already a machine in this store: rename it (--rename gen1=NEW) or skip it (--skip gen1)');
    const renamed = await berth(storeB, ['import', '--passphrase-stdin', '--rename', 'gen1=gen1-copy', '--skip', 'adopted', file], `${PASS}\n`);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toContain('Skipped "adopted"\nImported "gen1" as "gen1-copy"\n');
    expect(await dockerVia(storeB, 'gen1-copy')).toMatch(/^20\.10\./);
  });

  it('a wrong passphrase, a changed byte and a truncated copy each fail with their own message and write nothing', async () => {
    const file = join(work, 'team.berth');
    const bytes = await readFile(file);
    const fresh = join(work, 'fresh');
    const tryImport = async (data: Buffer, pass: string): Promise<BerthRun> => {
      const f = join(work, `case-${Math.random().toString(16).slice(2)}.berth`);
      await writeFile(f, data);
      return berth(fresh, ['import', '--passphrase-stdin', f], `${pass}\n`);
    };
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 100]! ^= 0x40;
    const cases: Array<[Buffer, string, RegExp]> = [
      [bytes, 'not the passphrase', /^Wrong passphrase for case-\w+\.berth\n$/],
      [flipped, PASS, /^case-\w+\.berth is damaged: its checksum does not match its contents/],
      [bytes.subarray(0, bytes.length - 500), PASS, /^case-\w+\.berth is truncated: \d+ of \d+ bytes; copy it again\n$/],
      [Buffer.from('hello'), PASS, /^case-\w+\.berth is not a Berth machine bundle/],
    ];
    for (const [data, pass, message] of cases) {
      const r = await tryImport(data, pass);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
    }
    expect(await readdir(fresh).catch(() => [])).toEqual([]);
  });
});

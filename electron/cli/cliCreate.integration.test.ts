import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pty from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../../e2e/hosts/hosts';
import { type ImageServer, startImageServer } from '../../e2e/hosts/imageServer';
import { startTestHost, testHosts } from '../../e2e/hosts/testing';
import { BERTH_BIN, type BerthRun, runBerth } from '../../e2e/support/runBerth';

const ctx = testHosts();

const berth = (args: string[], stdin?: string): Promise<BerthRun> => runBerth(args, { stdin });

describe.skipIf(!ctx)('berth create/provision/rm -d generic on a real host', () => {
  let host: TestHost;
  let store: string;
  const createArgs = (name: string): string[] => [
    '-s', store, 'create', '-d', 'generic',
    '--generic-ip-address', host.host,
    '--generic-ssh-port', String(host.port),
    '--generic-ssh-user', 'berth',
    '--generic-ssh-key', host.keyPath,
    '--generic-engine-port', String(host.dockerPort),
    '--engine-label', 'made.by=berth-cli',
    name,
  ];

  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour: 'sshd', privileged: true });
    store = await mkdtemp(join(tmpdir(), 'berth-cli-create-'));
  });
  afterAll(async () => {
    await host?.stop();
    await rm(store, { recursive: true, force: true });
  });

  it('refuses an unknown host key without a terminal, naming the fingerprint to accept, and saves nothing', async () => {
    const r = await berth(createArgs('cli1'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/The host key of 127\.0\.0\.1:\d+ is not known yet: SHA256:\S{43} \(ssh-ed25519\)\. Check it, then re-run with --accept-host-key SHA256:/);
    expect(existsSync(join(store, 'machines', 'cli1'))).toBe(false);
  });

  it('refuses an --accept-host-key that is not the key the host offers', async () => {
    const r = await berth([...createArgs('cli1'), '--accept-host-key', `SHA256:${'A'.repeat(43)}`]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/offers host key SHA256:\S{43}, not the SHA256:A{43} given with --accept-host-key/);
  });

  it('creates with the fingerprint accepted, printing docker-machine style steps; ls, provision, ssh (command, stdin, TTY) and rm follow', async () => {
    const refused = await berth(createArgs('cli1'));
    const fingerprint = /--accept-host-key (SHA256:\S{43})/.exec(refused.stderr)![1]!;
    const r = await berth([...createArgs('cli1'), '--accept-host-key', fingerprint]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Creating machine "cli1" on berth@127.0.0.1:${host.port}...`);
    expect(r.stdout).toMatch(/\(cli1\) \[1\/8\] Detect OS\.\.\./);
    expect(r.stdout).toMatch(/\(cli1\) \[8\/8\] Wait for Docker over TLS\.\.\./);
    expect(r.stdout).toMatch(/\(cli1\) Install Docker Engine: done in \d+\.\d s/);
    expect(r.stdout).toMatch(new RegExp(`Docker is up and running: v20\\.10\\.\\S+ at tcp://127\\.0\\.0\\.1:${host.dockerPort}`));

    const ls = await berth(['-s', store, 'ls', '-f', '{{.Name}} {{.State}} {{.DockerVersion}}']);
    expect(ls.stdout).toMatch(/^cli1 Running v20\.10\.\S+\n$/);
    expect(await host.exec('docker info --format "{{json .Labels}}"')).toContain('made.by=berth-cli');

    const dockerdStarted = await host.exec('ps -o lstart= -C dockerd');
    const again = await berth(['-s', store, 'provision', 'cli1']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('(cli1) Install Docker Engine: skipped');
    // Nothing changed: the certificate and the daemon configuration stay, and Docker is not restarted.
    expect(again.stdout).toContain('(cli1) Install TLS certificates: skipped');
    expect(again.stdout).toContain('(cli1) Configure Docker: skipped');
    expect(again.stdout).toContain('(cli1) Start Docker: skipped');
    expect(await host.exec('ps -o lstart= -C dockerd')).toBe(dockerdStarted);

    // ssh: the command's exit code passes through, its own flags stay its own, stdin flows.
    const ran = await berth(['-s', store, 'ssh', 'cli1', 'echo', 'on-$(hostname)', ';', 'exit', '3']);
    expect([ran.code, ran.stdout]).toEqual([3, 'on-cli1\n']);
    expect((await berth(['-s', store, 'ssh', 'cli1', 'ls', '-d', '/etc'])).stdout).toBe('/etc\n');
    expect((await berth(['-s', store, 'ssh', 'cli1', 'tr', 'a-z', 'A-Z'], 'piped through\n')).stdout).toBe('PIPED THROUGH\n');
    const shell = await berth(['-s', store, 'ssh', 'cli1'], 'echo "shell-$((2*21))"\nexit 0\n');
    expect(shell.stdout).toContain('shell-42');
    expect(shell.code).toBe(0);

    // On a terminal: an interactive shell on a remote PTY that follows the local window's size.
    const term = pty.spawn(process.execPath, [BERTH_BIN, '-s', store, 'ssh', 'cli1'], { cols: 100, rows: 30, env: { PATH: process.env.PATH!, HOME: process.env.HOME! } });
    let screen = '';
    term.onData((d) => (screen += d));
    const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
    term.write('stty size | sed "s/^/size=/"\r');
    await expect.poll(() => screen, { timeout: 15_000 }).toMatch(/size=30 100/);
    term.resize(120, 40);
    // Asked again until the window change has reached the remote side (a command typed at once can
    // run before the SIGWINCH → window-change round trip; ssh behaves the same).
    await expect
      .poll(() => {
        term.write('stty size | sed "s/^/size=/"\r');
        return screen;
      }, { timeout: 15_000, interval: 300 })
      .toMatch(/size=40 120/);
    term.write('exit 5\r');
    expect(await exited).toBe(5);

    const removed = await berth(['-s', store, 'rm', '-y', 'cli1']);
    expect(removed.stdout).toBe('About to remove cli1\nWARNING: This action will delete both local reference and remote instance.\nSuccessfully removed cli1\n');
    expect(existsSync(join(store, 'machines', 'cli1'))).toBe(false);
    // The host itself is untouched: its Docker still runs.
    expect(await host.exec('pgrep -f berth-dockerd >/dev/null && echo running')).toBe('running\n');
  });
});

describe('berth create -d qemu: the image download, before any VM boots', () => {
  let store: string;
  let server: ImageServer;
  const image = randomBytes(2_500_000);
  const vmArgs = (name: string, ...more: string[]): string[] => ['-s', store, 'create', '-d', 'qemu', '--qemu-accel', 'tcg', ...more, name];

  beforeAll(async () => {
    store = await mkdtemp(join(tmpdir(), 'berth-cli-qemu-'));
    server = await startImageServer({ '/own/disk.qcow2': { body: image } });
  });
  afterAll(async () => {
    await server.close();
    await rm(store, { recursive: true, force: true });
  });

  it('names what --qemu-image takes when it is missing, and refuses a malformed checksum', async () => {
    const r = await berth(vmArgs('q0'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--qemu-image is required: debian-12, ubuntu-24.04, an http(s) URL of a qcow2 cloud image, or a local file');
    const bad = await berth(vmArgs('q0', '--qemu-image', server.url('/own/disk.qcow2'), '--qemu-image-checksum', 'sha256:xyz'));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe('Error: invalid --qemu-image-checksum: not a checksum (sha256:HEX or sha512:HEX)\n');
    expect(existsSync(join(store, 'machines', 'q0'))).toBe(false);
  });

  it('a URL without published checksums is refused with what to do; the machine is listed as Error and removable', async () => {
    const r = await berth(vmArgs('q1', '--qemu-image', server.url('/own/disk.qcow2')));
    expect(r.code).not.toBe(0);
    // 13 steps: the VM's 4, provisioning's 8, then keeping a Docker-ready base.
    expect(r.stdout).toContain('(q1) [1/13] Download the image...');
    expect(r.stderr).toMatch(/step "Download the image": Cannot verify http:\/\/127\.0\.0\.1:\d+\/own\/disk\.qcow2: no published checksum .*--qemu-image-checksum sha256:HEX/);
    const ls = await berth(['-s', store, 'ls', '--format', '{{.Name}} {{.DriverName}} {{.State}}']);
    expect(ls.stdout).toMatch(/^q1 qemu (Stopped|Error)$/m);
    expect((await berth(['-s', store, 'rm', '-y', 'q1'])).code).toBe(0);
  });

  it('prints the download as it goes and refuses an image that does not match the given checksum', async () => {
    const wrong = createHash('sha256').update('something else').digest('hex');
    const r = await berth(vmArgs('q2', '--qemu-image', server.url('/own/disk.qcow2'), '--qemu-image-checksum', `sha256:${wrong}`));
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('(q2) 2.5 MB of 2.5 MB (100%)');
    expect(r.stderr).toContain(`does not match its sha256 checksum: expected ${wrong}, got ${createHash('sha256').update(image).digest('hex')}`);
    expect(await readdir(join(store, 'cache'))).toEqual([]);
    expect((await berth(['-s', store, 'rm', '-y', 'q2'])).code).toBe(0);
  });
});

/** One of apt's locks (fcntl, not flock), held in the background for `seconds`, as a running apt-get holds it. */
const holdAptLock = (file: string, seconds: number): string =>
  `setsid perl -MFcntl -e 'open(my $f, ">>", "${file}") or die; my $l = pack("s s x4 q q i x4", F_WRLCK, 0, 0, 0, 0); fcntl($f, F_SETLKW, $l) or die; sleep ${seconds}' </dev/null >/dev/null 2>&1 &`;

describe.skipIf(!ctx)('Ctrl+C during berth create', () => {
  let host: TestHost;
  let store: string;

  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour: 'sshd', privileged: true });
    store = await mkdtemp(join(tmpdir(), 'berth-cli-cancel-'));
  });
  afterAll(async () => {
    await host?.stop();
    await rm(store, { recursive: true, force: true });
  });

  it('cancels at once during the Engine install: exit 130, an Error row "cancelled at step", and provision finishes it', async () => {
    const child = spawn(
      process.execPath,
      [BERTH_BIN, '-s', store, 'create', '-d', 'generic', '--generic-ip-address', host.host, '--generic-ssh-port', String(host.port), '--generic-ssh-user', 'berth',
        '--generic-ssh-key', host.keyPath, '--generic-engine-port', String(host.dockerPort), '--accept-host-key', 'new', 'cx1'],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        stdout += String(d);
        if (stdout.includes('[4/8] Install Docker Engine...')) resolve();
      }),
    );
    const interrupted = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - interrupted).toBeLessThan(2000);
    expect(stderr).toContain('Cancelling (Ctrl+C again to quit at once)…\nMachine "cx1": cancelled at step "Install Docker Engine"\n');
    const ls = await runBerth(['-s', store, 'ls', '-f', '{{.Name}} {{.State}} {{.Error}}']);
    expect(ls.stdout).toMatch(/^cx1 \S+ Machine "cx1": cancelled at step "Install Docker Engine"/);
    // What a cancel can leave behind at its worst, whatever this run's timing: dpkg interrupted
    // mid-install, and an apt that has not ended yet holding dpkg's lock (3 s) and the package
    // lists' (6 s: apt's lock timeout does not cover that one).
    await host.exec('touch /var/lib/dpkg/updates/0000');
    await host.exec(holdAptLock('/var/lib/dpkg/lock-frontend', 3));
    await host.exec(holdAptLock('/var/lib/apt/lists/lock', 6));
    // Provisioning again waits for the locks, finishes dpkg's work, updates and installs.
    const again = await runBerth(['-s', store, 'provision', 'cx1']);
    expect(again.code).toBe(0);
    expect((await runBerth(['-s', store, 'ls', '-f', '{{.Name}} {{.State}} {{.Error}}'])).stdout).toBe('cx1 Running \n');
  });
});

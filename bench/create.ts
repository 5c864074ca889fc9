/**
 * `create -d generic` on a fresh Debian 12 systemd test host (installs docker.io from apt), step by
 * step, next to a plain shell script doing the same work on an identical fresh host in the same run
 * (system ssh, apt-get, openssl, systemctl); then `provision` again with nothing changed. Goals: a
 * fresh create ≤ 15 s, an unchanged re-provision ≤ 3 s. Needs Linux, root and the test host image.
 * Run: npm run bench:create
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ProgressEvent } from '../shared/types';
import type { TestHost } from '../e2e/hosts/hosts';
import { requestFor } from '../e2e/hosts/machineOnHost';
import { e2eHosts } from '../e2e/support/testHosts';
import { provisionMachine } from '../electron/core/services/provisioning';
import { createGenericMachine } from '../electron/core/drivers/generic/create';
import { MachineService } from '../electron/core/services/machineService';
import type { SshSession } from '../electron/core/ssh/sshSession';

const run = promisify(execFile);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Step name → milliseconds, from a long action's progress events. */
function stepTimes(): { onProgress: (e: ProgressEvent) => void; times: Map<string, number> } {
  const times = new Map<string, number>();
  return { times, onProgress: (e) => e.kind === 'step' && e.state !== 'running' && times.set(`${e.step}${e.state === 'skipped' ? ' (skipped)' : ''}`, e.elapsedMs) };
}

/** The reference: what a person would script with the system's tools, doing the same work. */
async function shellReference(host: TestHost, dir: string): Promise<{ ms: number; steps: [string, number][] }> {
  const ssh = (command: string, input?: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const child = execFile(
        'ssh',
        ['-i', host.keyPath, '-p', String(host.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', 'root@127.0.0.1', command],
        { maxBuffer: 64 * 1024 * 1024 },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      );
      child.stdin!.end(input ?? '');
    });
  const openssl = (args: string[]): Promise<unknown> => run('openssl', args, { cwd: dir });
  const steps: [string, number][] = [];
  const timed = async (name: string, work: () => Promise<unknown>): Promise<void> => {
    const t = Date.now();
    await work();
    steps.push([name, Date.now() - t]);
  };
  const started = Date.now();
  await writeFile(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  await writeFile(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  const certs = (async () => {
    await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1080', '-subj', '/O=bench', '-keyout', 'ca-key.pem', '-out', 'ca.pem']);
    for (const [name, ext] of [['server', 'san.ext'], ['client', 'client.ext']] as const) {
      await openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', `/O=bench.${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`]);
      await openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '1080', '-extfile', ext, '-out', `${name}.pem`]);
    }
  })();
  await timed('apt-get install docker.io (certificates made meanwhile)', () =>
    ssh(
      'export DEBIAN_FRONTEND=noninteractive; apt-get update -q && apt-get install -y -q --no-install-recommends docker.io apparmor ca-certificates xz-utils',
    ),
  );
  await certs;
  await timed('copy certificates', async () => {
    const pem = async (f: string): Promise<string> => readFile(join(dir, f), 'utf8');
    await ssh('mkdir -p /etc/docker && cat > /etc/docker/ca.pem', await pem('ca.pem'));
    await ssh('cat > /etc/docker/server.pem', await pem('server.pem'));
    await ssh('umask 077; cat > /etc/docker/server-key.pem', await pem('server-key.pem'));
  });
  await timed('systemd drop-in, restart', () =>
    ssh(
      `mkdir -p /etc/systemd/system/docker.service.d && printf "%s\\n" "[Service]" "ExecStart=" "ExecStart=/usr/sbin/dockerd -H fd:// -H tcp://0.0.0.0:${host.dockerPort} --containerd=/run/containerd/containerd.sock --tlsverify --tlscacert /etc/docker/ca.pem --tlscert /etc/docker/server.pem --tlskey /etc/docker/server-key.pem" > /etc/systemd/system/docker.service.d/10-tls.conf && systemctl daemon-reload && systemctl restart docker`,
    ),
  );
  const [ca, cert, key] = await Promise.all(['ca.pem', 'client.pem', 'client-key.pem'].map((f) => readFile(join(dir, f))));
  await timed('wait for Docker over TLS', async () => {
    const deadline = Date.now() + 90_000;
    let last = '';
    for (;;) {
      if (Date.now() > deadline) throw new Error(`the shell reference's Docker did not answer over TLS in 90 s (${last})`);
      const ok = await new Promise<boolean>((resolve) => {
        const req = request({ host: '127.0.0.1', port: host.dockerPort, path: '/version', ca, cert, key, servername: 'localhost', timeout: 2000 }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        });
        req.on('error', (err) => {
          last = err.message;
          resolve(false);
        });
        req.on('timeout', () => req.destroy());
        req.end();
      });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  return { ms: Date.now() - started, steps };
}

async function main(): Promise<void> {
  const hosts = await e2eHosts();
  if ('unavailable' in hosts) throw new Error(`bench/create needs real test hosts: ${hosts.unavailable}`);
  const store = await mkdtemp(join(tmpdir(), 'berth-bench-create-'));
  const work = await mkdtemp(join(tmpdir(), 'berth-bench-shell-'));
  try {
    const [forBerth, forShell] = await Promise.all([hosts.start({ flavour: 'systemd' }), hosts.start({ flavour: 'systemd' })]);
    const machines = new MachineService(store, {});

    const fresh = stepTimes();
    const sessions: SshSession[] = [];
    let started = Date.now();
    const status = await createGenericMachine(machines, await requestFor(forBerth, store, 'fresh', { setHostname: false }), {
      onProgress: fresh.onProgress,
      onConnected: (s) => sessions.push(s),
    });
    const berthMs = Date.now() - started;
    if (status.state !== 'Running') throw new Error(`the create ended ${status.state}: ${status.error ?? ''}`);

    const again = stepTimes();
    started = Date.now();
    await provisionMachine(machines, 'fresh', {}, { onProgress: again.onProgress });
    const againMs = Date.now() - started;

    const shell = await shellReference(forShell, work);

    console.log(`create -d generic on a fresh Debian 12 host (docker.io from apt): ${seconds(berthMs)}, ${sessions.length} SSH connection(s), ${sessions.reduce((n, s) => n + s.commands, 0)} remote commands`);
    for (const [step, ms] of fresh.times) console.log(`  ${step.padEnd(36)} ${seconds(ms)}`);
    console.log(`plain shell script (ssh, apt-get, openssl, systemctl) on an identical fresh host: ${seconds(shell.ms)}`);
    for (const [step, ms] of shell.steps) console.log(`  ${step.padEnd(54)} ${seconds(ms)}`);
    console.log(`ratio Berth / shell: ${(berthMs / shell.ms).toFixed(2)}   goal fresh ≤ 15 s: ${berthMs <= 15_000 ? 'met' : 'NOT met'}`);
    console.log(`provision again, nothing changed: ${seconds(againMs)}   goal ≤ 3 s: ${againMs <= 3000 ? 'met' : 'NOT met'}`);
    for (const [step, ms] of again.times) console.log(`  ${step.padEnd(36)} ${seconds(ms)}`);
  } finally {
    await hosts.close();
    await rm(store, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});

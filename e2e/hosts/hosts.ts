import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { processAlive } from '../../electron/core/util/processAlive';
import { docker } from './docker';
import { IMAGE, TEST_PASSWORD, USERS } from './image';
import type { TestKey } from './keys';
import { refusingPort } from './zoo';

export const LABEL = 'berth.test';
export const RUN_LABEL = 'berth.test.run';
/** The process that owns a host's run: once it is gone, the host is stale. */
export const OWNER_LABEL = 'berth.test.owner-pid';

export type Flavour = 'sshd' | 'systemd';

export interface StartHostOptions {
  flavour: Flavour;
  /** Near-privileged, for hosts that will run dockerd (systemd hosts always are). */
  privileged?: boolean;
  runId: string;
  key: TestKey;
  /** The run's owning process (default: this one); 0 for hosts started by hand. */
  ownerPid?: number;
  /** Container name prefix, for humans reading `docker ps`. */
  name?: string;
  /** Comes back after a reboot (docker restarts it, on the same ports), for restart tests. */
  rebootable?: boolean;
}

export interface TestHost {
  host: string;
  /** SSH, published on 127.0.0.1. */
  port: number;
  /**
   * A port published on 127.0.0.1 under the same number inside, for dockerd's TLS listener: a
   * machine's engine port is both its URL's port and the port dockerd listens on.
   */
  dockerPort: number;
  users: typeof USERS;
  password: string;
  keyPath: string;
  containerId: string;
  flavour: Flavour;
  /** Runs a command in the container as root (for test set-up, never as the thing under test). */
  exec(command: string): Promise<string>;
  /** New host keys, so a pinned key no longer matches. */
  rotateHostKey(): Promise<void>;
  /** Kills every SSH session on the host, mid-command. */
  dropConnections(): Promise<void>;
  stop(): Promise<void>;
}

// `docker run --privileged` fails on these machines (CAP_SYS_RESOURCE is not in the bounding set);
// this is the same privilege granted piecewise.
const PRIVILEGED = [
  '--cap-add', 'ALL',
  '--cap-drop', 'SYS_RESOURCE',
  '--security-opt', 'seccomp=unconfined',
  '--security-opt', 'apparmor=unconfined',
  '--security-opt', 'systempaths=unconfined',
  '--device-cgroup-rule', 'a *:* rwm',
  '--volume', '/var/lib/docker', // overlay2 for a nested dockerd
  '--env', 'BERTH_REMOUNT_CGROUPS=1',
];
const SYSTEMD = ['--tmpfs', '/run', '--tmpfs', '/run/lock', '--tmpfs', '/tmp', '--stop-signal', 'SIGRTMIN+3'];

/** Resolves when something on host:port speaks SSH (the banner), or rejects at the deadline. */
export async function waitForSsh(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const banner = await new Promise<string | null>((resolve) => {
      const s = connect({ host, port });
      const done = (v: string | null): void => {
        s.destroy();
        resolve(v);
      };
      s.setTimeout(2000, () => done(null));
      s.once('data', (d) => done(d.toString()));
      s.once('error', (e) => {
        last = e.message;
        done(null);
      });
      // docker-proxy accepts, then closes at once while the container's sshd is not up yet.
      s.once('close', () => done(null));
    });
    if (banner?.startsWith('SSH-')) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`SSH on ${host}:${port} did not answer within ${timeoutMs / 1000} s (${last})`);
}

async function publishedPort(id: string, inner: number): Promise<number> {
  const { stdout } = await docker(['port', id, `${inner}/tcp`]);
  const m = /127\.0\.0\.1:(\d+)/.exec(stdout);
  if (!m) throw new Error(`container ${id.slice(0, 12)} publishes no port for ${inner}: ${stdout}`);
  return Number(m[1]);
}

/** Starts a test host container and waits until its SSH answers. */
export async function startHost(opts: StartHostOptions): Promise<TestHost> {
  const privileged = opts.privileged || opts.flavour === 'systemd';
  const name = `${opts.name ?? 'berth-host'}-${randomBytes(3).toString('hex')}`;
  const dockerPort = await refusingPort();
  // A rebootable host keeps its SSH port across restarts, so it is chosen here, not by Docker.
  const sshBinding = opts.rebootable ? `127.0.0.1:${await refusingPort()}:22` : '127.0.0.1::22';
  const args = [
    'run', '--detach', '--name', name, '--hostname', name,
    '--label', `${LABEL}=1`, '--label', `${RUN_LABEL}=${opts.runId}`, '--label', `${OWNER_LABEL}=${opts.ownerPid ?? process.pid}`,
    '--publish', sshBinding, '--publish', `127.0.0.1:${dockerPort}:${dockerPort}`,
    ...(opts.rebootable ? ['--restart', 'unless-stopped'] : []),
    '--env', `BERTH_AUTHORIZED_KEY=${opts.key.publicKey}`,
    ...(privileged ? PRIVILEGED : []),
    ...(opts.flavour === 'systemd' ? SYSTEMD : []),
    IMAGE, opts.flavour,
  ];
  const id = (await docker(args)).stdout.trim();
  const remove = async (): Promise<void> => {
    await docker(['rm', '--force', '--volumes', id]).catch(() => undefined);
  };
  try {
    const port = await publishedPort(id, 22);
    await waitForSsh('127.0.0.1', port, opts.flavour === 'systemd' ? 60_000 : 30_000);
    const exec = async (command: string): Promise<string> => (await docker(['exec', id, 'sh', '-c', command])).stdout;
    return {
      host: '127.0.0.1',
      port,
      dockerPort,
      users: USERS,
      password: TEST_PASSWORD,
      keyPath: opts.key.privateKeyPath,
      containerId: id,
      flavour: opts.flavour,
      exec,
      async rotateHostKey() {
        await exec('rm -f /etc/ssh/ssh_host_* && ssh-keygen -A >/dev/null');
        // sshd re-executes itself on SIGHUP and so loads the new keys; under systemd, reload the unit.
        await exec(opts.flavour === 'systemd' ? 'systemctl reload ssh' : 'kill -HUP 1');
        await waitForSsh('127.0.0.1', port, 10_000);
      },
      async dropConnections() {
        // "[s]shd" matches sshd's session processes but not this command line itself.
        await exec("pkill -KILL -f '[s]shd: .*@' || true");
      },
      stop: remove,
    };
  } catch (err) {
    const logs = await docker(['logs', '--tail', '30', id]).then(
      (r) => r.stdout + r.stderr,
      () => '',
    );
    await remove();
    throw new Error(`${(err as Error).message}\ncontainer log:\n${logs}`);
  }
}

/**
 * Removes test host containers: one run's, every one (`'all'`), or (`'stale'`) those whose owning
 * process is gone, so that two runs on one machine never remove each other's hosts.
 */
export async function removeHosts(which: { runId: string } | 'all' | 'stale'): Promise<number> {
  const filter = typeof which === 'object' ? `label=${RUN_LABEL}=${which.runId}` : `label=${LABEL}`;
  const format = `{{.ID}} {{.Label "${OWNER_LABEL}"}}`;
  const rows = (await docker(['ps', '--all', '--filter', filter, '--format', format])).stdout.split('\n').filter(Boolean);
  const ids = rows
    .map((r) => r.split(' '))
    // Owner 0: started by hand (`npm run hosts -- up`), removed only by `down`.
    .filter(([, owner]) => which !== 'stale' || !owner || (owner !== '0' && !processAlive(Number(owner))))
    .map(([id]) => id!);
  if (ids.length > 0) await docker(['rm', '--force', '--volumes', ...ids]);
  return ids.length;
}

import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { ProgressEvent } from '../../../shared/types';
import type { EngineVersion, TlsFiles } from '../docker/dockerVersion';
import { waitForDocker } from '../docker/waitForDocker';
import { BerthError } from '../errors';
import type { ExecResult, SshSession } from '../ssh/sshSession';
import type { EngineOptions } from '../store/machineConfig';
import { type CertPair, certOrg, createLeaf, leafStillServes } from '../tls/certs';
import { dockerdArgs, originalSocketFlags, REMOTE_TLS, supervisorScript, SUPERVISOR, SUPERVISOR_LOG, SUPERVISOR_PID, DOCKER_MACHINE_DROP_IN, SYSTEMD_DROP_IN, systemdDropIn } from './dockerdConfig';
import { type EngineChoice, engineInstallScript, engineUpgradeScript } from './engineInstall';
import { type OsRelease, packageFamily, parseOsRelease } from './osRelease';
import { detectPrivilege, execAsRoot, lastLines, type Privilege, runAsRoot } from './privilege';
import { shellQuote } from '../util/shellQuote';
import { stepper } from './steps';

export const PROVISION_STEPS = [
  'Detect OS',
  'Check privileges',
  'Set hostname',
  'Install Docker Engine',
  'Install TLS certificates',
  'Configure Docker',
  'Start Docker',
  'Wait for Docker over TLS',
] as const;
export type ProvisionStep = (typeof PROVISION_STEPS)[number];

export interface ProvisionInput {
  machine: string;
  ssh: SshSession;
  /** The address clients use (goes into the server cert with localhost and the extra SANs). */
  ip: string;
  enginePort: number;
  engine: EngineChoice;
  engineOptions: EngineOptions;
  extraSans: string[];
  setHostname: boolean;
  sudoPassword?: string;
  ca: CertPair;
  clientTls: TlsFiles;
  onProgress(event: ProgressEvent): void;
  signal?: AbortSignal;
  /** How long to wait for Docker's TLS port after a (re)start. */
  dockerTimeoutMs?: number;
  /** Upgrade an installed Engine to the newest of its source (or the chosen version) instead of leaving it. */
  upgrade?: boolean;
  /** The machine's current server certificate, kept when it still serves (absent: a new one is made). */
  serverCert?: CertPair;
}

export interface ProvisionResult {
  os: OsRelease;
  version: EngineVersion;
  serverCert: CertPair;
  sans: string[];
}


/**
 * Makes a Linux host a Docker host with TLS, step by step. Every step is idempotent, so running it
 * again on a half-provisioned host finishes the job.
 */
export async function provision(input: ProvisionInput): Promise<ProvisionResult> {
  const { ssh, machine } = input;
  const log = (text: string): void => input.onProgress({ machine, kind: 'log', text });
  const step = stepper(machine, PROVISION_STEPS, input.onProgress, input.signal);

  let privilege: Privilege = { kind: 'root' };
  /** A command as root with the host's privilege mode; `root` also logs it and fails on a non-zero exit. */
  const asRootExec = (command: string): Promise<ExecResult> => execAsRoot(ssh, privilege, command);
  const root = (command: string, what: string): Promise<string> => runAsRoot(ssh, privilege, command, what, { onOutput: log });
  // A new server certificate (RSA key generation) is made while the host installs Docker, unless the
  // current one can stay; it is used only if the installed files turn out different.
  const sans = [...new Set([input.ip, 'localhost', ...input.extraSans])];
  const reusable = input.serverCert && (await leafStillServes(input.serverCert, input.ca, sans)) ? input.serverCert : null;
  const newCert = reusable ? null : createLeaf(input.ca, { org: certOrg(machine), usage: 'server', sans });
  newCert?.catch(() => undefined); // awaited (and its error reported) in its step
  const os = (await step('Detect OS', async () => parseOsRelease((await ssh.exec('cat /etc/os-release')).stdout))) as OsRelease;
  const family = packageFamily(os);
  log(`${os.prettyName || os.id} (${family})\n`);

  await step('Check privileges', async () => {
    privilege = await detectPrivilege(ssh, input.sudoPassword);
    log(`root via ${privilege.kind}\n`);
  });

  await step('Set hostname', async () => {
    if (!input.setHostname) return 'skipped';
    // /etc/hostname and /etc/hosts may be bind mounts (containers): rewrite in place, never by rename.
    await root(
      `n=${shellQuote(machine)}; hostname "$n" 2>/dev/null || true; echo "$n" > /etc/hostname; grep -q " $n$" /etc/hosts || echo "127.0.1.1 $n" >> /etc/hosts`,
      'Setting the hostname',
    );
  });

  await step('Install Docker Engine', async () => {
    const present = (await ssh.exec('command -v dockerd || ls /usr/sbin/dockerd /usr/bin/dockerd 2>/dev/null')).stdout.trim();
    if (input.engine.kind === 'keep') {
      if (!present) throw new Error('no Docker Engine is installed on the host, and "keep the installed Docker" was chosen');
      return 'skipped';
    }
    if (present && input.upgrade) {
      const script = engineUpgradeScript(family, os, input.engine);
      if (!script) return 'skipped';
      await root(script, 'Upgrading Docker Engine');
      return undefined;
    }
    if (present && input.engine.kind === 'distro') {
      log(`Docker Engine already installed (${present.split('\n')[0]}): not installing\n`);
      return 'skipped';
    }
    await root(engineInstallScript(family, os, input.engine)!, 'Installing Docker Engine');
  });

  // Nothing changed (same certificates on the host, same daemon configuration, Docker running):
  // provisioning again then leaves Docker running instead of restarting it.
  let changed = false;
  const remoteHashes = async (paths: string[]): Promise<string[]> => {
    const r = await asRootExec(`for f in ${paths.join(' ')}; do sha256sum "$f" 2>/dev/null || echo "- $f"; done`);
    return r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]!);
  };
  let serverCert = reusable;
  if (serverCert) {
    const [ca, cert, key] = await remoteHashes([REMOTE_TLS.ca, REMOTE_TLS.cert, REMOTE_TLS.key]);
    if (ca !== sha256(input.ca.certPem) || cert !== sha256(serverCert.certPem) || key !== sha256(serverCert.keyPem)) serverCert = null;
  }
  const installed = (await step('Install TLS certificates', async () => {
    if (serverCert) {
      log('The server certificate still serves and is installed: kept\n');
      return 'skipped';
    }
    changed = true;
    const cert = await (newCert ?? createLeaf(input.ca, { org: certOrg(machine), usage: 'server', sans }));
    // Uploaded by SFTP to a private temp dir, then moved into place by root: never on a command line.
    const tmp = (await ssh.exec('mktemp -d')).stdout.trim();
    if (!tmp) throw new Error('cannot create a temporary directory on the host');
    const upload = posix.join(tmp, 'server-key.pem');
    await ssh.writeFile(posix.join(tmp, 'ca.pem'), input.ca.certPem, 0o644);
    await ssh.writeFile(posix.join(tmp, 'server.pem'), cert.certPem, 0o644);
    await ssh.writeFile(upload, cert.keyPem, 0o600);
    await root(
      `install -d -m 0755 /etc/docker && install -m 0644 ${tmp}/ca.pem ${REMOTE_TLS.ca} && install -m 0644 ${tmp}/server.pem ${REMOTE_TLS.cert} && install -m 0600 ${upload} ${REMOTE_TLS.key}; r=$?; rm -rf ${tmp}; exit $r`,
      'Installing the certificates',
    );
    return cert;
  })) as CertPair | 'skipped';
  const finalCert = installed === 'skipped' ? serverCert! : installed;

  let init: 'systemd' | 'supervisor' = 'supervisor';
  await step('Configure Docker', async () => {
    let tookOver = false;
    const dockerd = (await ssh.exec('command -v dockerd || ls /usr/sbin/dockerd /usr/bin/dockerd 2>/dev/null | head -n1')).stdout.trim().split('\n')[0];
    if (!dockerd) throw new Error('dockerd was not found on the host after installing');
    init = (await ssh.exec('[ -d /run/systemd/system ] && command -v systemctl')).code === 0 ? 'systemd' : 'supervisor';
    const env = input.engineOptions.Env ?? [];
    let target: { path: string; content: string; mode: number; what: string; install: (tmp: string) => string };
    if (init === 'systemd') {
      const fragment = (await ssh.exec('systemctl show -p FragmentPath --value docker.service')).stdout.trim();
      const original = fragment ? (await ssh.exec(`grep -m1 '^ExecStart=.' ${shellQuote(fragment)}`)).stdout : '';
      const args = dockerdArgs({ enginePort: input.enginePort, engine: input.engineOptions, ...originalSocketFlags(original) });
      // Taking over a machine docker-machine provisioned: its drop-in would override Berth's.
      const theirs = await ssh.exec(`[ -e ${DOCKER_MACHINE_DROP_IN} ] && { grep -m1 '^ExecStart=.' ${DOCKER_MACHINE_DROP_IN}; true; }`);
      if (theirs.code === 0) {
        await root(`rm -f ${DOCKER_MACHINE_DROP_IN}`, `Removing docker-machine's ${DOCKER_MACHINE_DROP_IN}`);
        log(`Removed docker-machine's ${DOCKER_MACHINE_DROP_IN} (${theirs.stdout.trim() || 'no ExecStart'}): it overrode ${SYSTEMD_DROP_IN}\n`);
        tookOver = true;
        changed = true;
      }
      target = {
        path: SYSTEMD_DROP_IN,
        content: systemdDropIn(dockerd, args, env),
        mode: 0o644,
        what: 'Writing the systemd drop-in',
        install: (tmp) => `install -d -m 0755 ${posix.dirname(SYSTEMD_DROP_IN)} && install -m 0644 ${tmp} ${SYSTEMD_DROP_IN}`,
      };
    } else {
      const args = dockerdArgs({ enginePort: input.enginePort, engine: input.engineOptions, socket: 'unix' });
      target = {
        path: SUPERVISOR,
        content: supervisorScript(dockerd, args, env),
        mode: 0o755,
        what: 'Writing the dockerd supervisor',
        install: (tmp) => `install -m 0755 ${tmp} ${SUPERVISOR}`,
      };
    }
    log(`dockerd ${dockerd}, managed by ${init}\n`);
    if ((await remoteHashes([target.path]))[0] === sha256(target.content)) {
      log(`${target.path} is already this configuration: kept\n`);
      return tookOver ? undefined : 'skipped';
    }
    const tmp = (await ssh.exec('mktemp')).stdout.trim();
    await ssh.writeFile(tmp, target.content, target.mode);
    await root(`${target.install(tmp)}; r=$?; rm -f ${tmp}; exit $r`, target.what);
    changed = true;
    return undefined;
  });

  await step('Start Docker', async () => {
    // As root: `kill -0` on root's supervisor fails with EPERM for a sudo user.
    const check =
      init === 'systemd'
        ? 'systemctl is-active --quiet docker.service'
        : `[ -f ${SUPERVISOR_PID} ] && kill -0 "$(cat ${SUPERVISOR_PID})" 2>/dev/null && pgrep -x dockerd >/dev/null`;
    const running = (await asRootExec(check)).code === 0;
    if (!changed && running) {
      log('Certificates and configuration unchanged, Docker running: not restarted\n');
      return 'skipped';
    }
    if (init === 'systemd') {
      // reset-failed: a re-run must not trip systemd's start rate limit. enable --no-reload before the
      // one daemon-reload: enable's own reload costs seconds again under emulation.
      await root('systemctl enable --no-reload docker.service >/dev/null 2>&1; systemctl daemon-reload && systemctl reset-failed docker.service docker.socket 2>/dev/null; systemctl restart docker.service', 'Restarting docker.service');
    } else {
      await root(
        // The pidfile, not `pkill -f`, which would also match this very command line.
        `[ -f ${SUPERVISOR_PID} ] && kill "$(cat ${SUPERVISOR_PID})" 2>/dev/null; pkill -x dockerd 2>/dev/null; for i in 1 2 3 4 5 6 7 8 9 10; do pgrep -x dockerd >/dev/null || break; sleep 1; done; setsid ${SUPERVISOR} >>${SUPERVISOR_LOG} 2>&1 < /dev/null &`,
        'Starting dockerd',
      );
    }
  });

  const url = `tcp://${input.ip.includes(':') ? `[${input.ip}]` : input.ip}:${input.enginePort}`;
  const version = (await step('Wait for Docker over TLS', async () => {
    let last = '';
    try {
      return await waitForDocker(url, input.clientTls, { timeoutMs: input.dockerTimeoutMs ?? 90_000, signal: input.signal, log });
    } catch (err) {
      if (err instanceof BerthError && err.code === 'CANCELLED') throw err;
      last = (err as Error).message;
    }
    const logs = init === 'systemd' ? 'journalctl -u docker.service -n 20 --no-pager' : `tail -n 20 ${SUPERVISOR_LOG}`;
    const daemonLog = (await asRootExec(logs)).stdout;
    throw new Error(`${last}\n${lastLines(daemonLog)}`);
  })) as EngineVersion;

  return { os, version, serverCert: finalCert, sans };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

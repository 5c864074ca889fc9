import { execFile } from 'node:child_process';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EngineInstallChoice } from '../../../../shared/types';
import { REMOTE_TLS, SYSTEMD_DROP_IN } from '../../provision/dockerdConfig';
import { detectPrivilege, runAsRoot } from '../../provision/privilege';
import { connectMachine } from '../../ssh/machineSsh';
import { recordedSshUser } from '../recordFields';
import type { MachineRecord } from '../../store/machineStore';
import { shellQuote } from '../../util/shellQuote';
import { BASE_DISK, basesDir, writeBaseRecord, type Base } from './baseCatalog';
import { qmp } from './qmp';
import { setTimeout as sleep } from 'node:timers/promises';

const run = promisify(execFile);

/** Where the running VM's identity waits (memory: /run is a tmpfs) while its disk is copied without it. */
const STASH = '/run/berth-base';
/** cloud-init settings for the base's first boots only (written for the copy, removed after it). */
const BASE_CLOUD_CFG = '/etc/cloud/cloud.cfg.d/92-berth-base.cfg';
const LATE_CLOUD_INIT = 'cloud-config.service cloud-final.service';
/**
 * The guest puts itself back (thaw, its files, Docker) after this long should Berth vanish mid-copy:
 * a crash must not leave the VM frozen, nor its keys only in memory. QEMU's copy starts well before
 * (Berth gives up past COPY_START_LIMIT_MS), so the copy never holds what the timer put back.
 */
const RESTORE_AFTER_S = 60;
const COPY_START_LIMIT_MS = 20_000;

/** Identity files blanked or rewritten for the copy (machine-id, name), not removed. */
const REWRITTEN = ['/etc/machine-id', '/var/lib/dbus/machine-id', '/etc/hostname', '/etc/hosts'];

/** Identity files left out of the copy altogether: keys, certificates, Berth's daemon configuration. */
function removedFiles(user: string): string[] {
  const home = user === 'root' ? '/root' : `/home/${user}`;
  return ['/etc/docker/key.json', REMOTE_TLS.ca, REMOTE_TLS.cert, REMOTE_TLS.key, SYSTEMD_DROP_IN, `${home}/.ssh/authorized_keys`];
}

/**
 * Files that make a VM this machine rather than any machine: copied to memory, then removed or
 * blanked on disk for the instant of the copy, then put back. Paths only; the script quotes them.
 */
export function identityFiles(user: string): string[] {
  return [...REWRITTEN, ...removedFiles(user)];
}

/**
 * Run as root on the VM just provisioned: Docker stopped, apt's lists and downloads dropped (for
 * good: a cloud image has none either), the identity set aside in memory and removed, cloud-init's
 * state moved away (the next boot is a first boot: new host keys, the new machine's user key and
 * name), free blocks discarded, then the root file system frozen — thawed by a timer should
 * nothing else thaw it. The disk is then copied at this instant by QEMU.
 */
export function generaliseScript(user: string, hostname: string): string {
  const files = identityFiles(user).map(shellQuote).join(' ');
  return [
    'set -e',
    `S=${STASH}; rm -rf "$S"; mkdir -m 700 "$S"`,
    'systemctl stop docker.service docker.socket containerd.service 2>/dev/null || true',
    'apt-get clean 2>/dev/null || true; rm -rf /var/lib/apt/lists/*',
    // --parents with -a: the folders above each file keep their owner and mode in the copy too (paths
    // relative to /: coreutils 9.1 looks the first folder up in the working directory otherwise).
    `cd /; for f in ${files} /etc/ssh/ssh_host_*; do if [ -e "$f" ]; then cp -a --parents "\${f#/}" "$S/"; fi; done`,
    `for d in /var/lib/cloud /var/lib/docker /var/lib/containerd; do if [ -e "$d" ]; then mkdir -p "$S$(dirname "$d")"; mv "$d" "$S$d"; fi; done`,
    'rm -f /var/log/cloud-init.log /var/log/cloud-init-output.log',
    `rm -f ${removedFiles(user).map(shellQuote).join(' ')} /etc/ssh/ssh_host_*`,
    // An empty machine-id: systemd makes a new one at the next boot — unless D-Bus keeps a copy of
    // the old one (a file, not Debian's link), which systemd would take instead.
    ': > /etc/machine-id; [ -L /var/lib/dbus/machine-id ] || rm -f /var/lib/dbus/machine-id; echo localhost > /etc/hostname',
    `sed -i "/[[:space:]]${hostname.replace(/\./g, '\\.')}\\$/d" /etc/hosts`,
    // Started by provisioning on the new VM, once configured: a first start there, not a restart
    // (containerd stays enabled: it starts with the boot, and Docker's start waits on it less).
    'systemctl disable --no-reload docker.service docker.socket >/dev/null 2>&1 || true',
    // The new VM's first boot makes host keys of these kinds only (RSA and DSA take seconds each
    // under emulation; every SSH client Berth and users bring speaks ed25519 and ECDSA).
    `printf '%s\\n' 'ssh_genkeytypes: [ed25519, ecdsa]' > ${BASE_CLOUD_CFG}`,
    // cloud-init's config and final stages (locale, apt, runcmd, the final message) serve no Berth
    // VM (its seed is Berth's own) and cost ~20 s of Python under emulation while Docker starts.
    `systemctl mask --no-reload ${LATE_CLOUD_INIT} >/dev/null 2>&1 || true`,
    'sync; fstrim / 2>/dev/null || true',
    `setsid sh -c ${shellQuote(`sleep ${RESTORE_AFTER_S}; ${restoreScript().split('\n').join('; ')}`)} >/dev/null 2>&1 < /dev/null &`,
    'fsfreeze -f /',
  ].join('\n');
}

/** Run as root once the copy has started: thaw, put every file back, Docker as it was. */
export function restoreScript(): string {
  return [
    'fsfreeze -u / 2>/dev/null || true',
    `S=${STASH}`,
    // Folders that exist keep their own owner and mode (the stash's are root's, 0700 at its top).
    'if [ -d "$S" ]; then tar -C "$S" -cf - . | tar -C / --no-overwrite-dir -xpf - && rm -rf "$S"; fi',
    `rm -f ${BASE_CLOUD_CFG}; systemctl unmask --no-reload ${LATE_CLOUD_INIT} >/dev/null 2>&1 || true`,
    'systemctl enable --no-reload docker.service >/dev/null 2>&1 || true',
    'systemctl start docker.service',
  ].join('\n');
}

interface QmpBlock {
  device: string;
  inserted?: { file: string };
}
interface QmpJob {
  /** The job's id (QMP still calls it device). */
  device: string;
  status: string;
  error?: string;
}

/** QEMU copies the VM's overlay as it is at this instant (copy-before-write), while the VM runs on. */
async function backupOverlay(qmpSocket: string, disk: string, target: string, thaw: () => Promise<void>, frozenAt: number): Promise<void> {
  const blocks = await qmp<QmpBlock[]>(qmpSocket, 'query-block');
  const device = blocks.find((b) => b.inserted?.file === disk)?.device;
  if (!device) throw new Error(`QEMU has no drive for ${disk}`);
  if (Date.now() - frozenAt > COPY_START_LIMIT_MS) throw new Error(`the copy could not start within ${COPY_START_LIMIT_MS / 1000} s of freezing the disk`);
  const jobId = 'berth-base';
  try {
    // sync "top": only what the VM wrote over its image; the copy backs on the same image.
    await qmp(qmpSocket, 'drive-backup', 10_000, { 'job-id': jobId, device, target, format: 'qcow2', sync: 'top', mode: 'absolute-paths', 'auto-dismiss': false });
  } finally {
    await thaw();
  }
  for (;;) {
    const job = (await qmp<QmpJob[]>(qmpSocket, 'query-block-jobs')).find((j) => j.device === jobId);
    if (!job) throw new Error('QEMU lost the copy of the disk');
    if (job.status === 'concluded') {
      await qmp(qmpSocket, 'block-job-dismiss', 3000, { id: jobId });
      if (job.error) throw new Error(`QEMU could not copy the disk: ${job.error}`);
      return;
    }
    await sleep(500);
  }
}

export interface BaseSource {
  record: MachineRecord;
  disk: string;
  qmpSocket: string;
  arch: 'x86_64' | 'aarch64';
  image: string;
  imageId: string;
  kernel: string;
  engine: EngineInstallChoice;
  dockerVersion: string;
  log(text: string): void;
}

/**
 * Keeps a Docker-ready base from a VM provisioned a moment ago: generalised in place for the instant
 * of QEMU's copy (Docker is down for seconds), the copy compacted beside the others in the cache
 * and recorded last, so a base without its record is an unfinished one.
 */
export async function keepDockerBase(src: BaseSource): Promise<Base> {
  const id = `${src.imageId.slice(7, 19)}-${src.engine.kind}-${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}`;
  const dir = join(basesDir(src.record.storePath), id);
  await mkdir(dir, { recursive: true });
  const part = join(dir, 'backup.qcow2');
  const disk = join(dir, BASE_DISK);
  const ssh = await connectMachine(src.record);
  const os = (await ssh.exec('. /etc/os-release && echo "$PRETTY_NAME"')).stdout.trim();
  try {
    const privilege = await detectPrivilege(ssh);
    // Whatever happens after the first file was set aside, the machine gets all of them back.
    let restored = false;
    const restore = async (): Promise<void> => {
      if (restored) return;
      restored = true;
      await runAsRoot(ssh, privilege, restoreScript(), 'Putting the machine back', { timeoutMs: 120_000 });
    };
    try {
      await runAsRoot(ssh, privilege, generaliseScript(recordedSshUser(src.record), src.record.name), 'Setting the machine apart from its disk', { timeoutMs: 120_000 });
      await backupOverlay(src.qmpSocket, src.disk, part, restore, Date.now());
    } finally {
      await restore();
    }
    src.log('The VM runs on; its disk copy is generalised\n');
    // Written anew: leaked and zeroed clusters stay behind; the result backs on the image only.
    await run('qemu-img', ['convert', '-O', 'qcow2', '-B', src.image, '-F', 'qcow2', part, `${disk}.new`], { timeout: 600_000 });
    await rename(`${disk}.new`, disk);
    await rm(part, { force: true });
    const record = {
      id,
      arch: src.arch,
      image: src.image,
      imageId: src.imageId,
      kernel: src.kernel,
      engine: src.engine,
      dockerVersion: src.dockerVersion,
      os,
      madeFrom: src.record.name,
      createdAt: new Date().toISOString(),
    };
    await writeBaseRecord(dir, record);
    return { ...record, dir, disk };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  } finally {
    ssh.close();
  }
}

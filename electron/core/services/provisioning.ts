import { maskProgress, maskTextAndValues } from '../format/maskSecrets';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineOptionsInput, HostKeyProbe, MachineStatus, ProgressEvent } from '../../../shared/types';
import { driverFor } from '../drivers/registry';
import { BerthError } from '../errors';
import { provision, PROVISION_STEPS } from '../provision/provisioner';
import { stepper } from '../provision/steps';
import { writeProvisionStatus } from '../provision/provisionStatus';
import { knownHostsPath } from '../ssh/hostKeys';
import { connectMachine, machineSshTarget } from '../ssh/machineSsh';
import { probeHostKey, type SshAuth, type SshSession } from '../ssh/sshSession';
import { type EngineOptions } from '../store/machineConfig';
import type { MachineRecord } from '../store/machineStore';
import { readBerthMachine } from '../store/berthMachineFile';
import { refreshMachineContext } from './machineContexts';
import { writeFileAtomic } from '../store/atomicWrite';
import { type CertPair, ensureStoreCerts } from '../tls/certs';
import { DEFAULT_ENGINE_PORT, dockerUrl, recordedEnginePort, recordedIp } from '../drivers/recordFields';
import { checkAdoptedDaemon } from './adoptMachines';
import { clientTlsFiles, recordedCa } from '../store/machineTls';
import type { MachineService } from './machineService';
import { capable } from './capable';

export interface LongActionHooks {
  onProgress(event: ProgressEvent): void;
  signal?: AbortSignal;
  /** Each SSH connection the action opens (benchmarks count them and their commands). */
  onConnected?(ssh: SshSession): void;
}

export interface ProvisionOptions {
  sudoPassword?: string;
  acceptHostKey?: string;
  upgrade?: boolean;
  /** Make a new server certificate even when the current one still serves (regenerate-certs). */
  newCert?: boolean;
}

/** The machine's server certificate and key as last installed, if both are there. */
async function currentServerCert(dir: string): Promise<CertPair | undefined> {
  try {
    return { certPem: await readFile(join(dir, 'server.pem'), 'utf8'), keyPem: await readFile(join(dir, 'server-key.pem'), 'utf8') };
  } catch {
    return undefined;
  }
}

const LOG_TAIL_LINES = 40;

/** Runs a create/provision's work and records its outcome (and log tail) beside the machine, for the list's Error row. */
async function recordingOutcome(
  record: MachineRecord,
  hooks: LongActionHooks,
  secrets: (string | undefined)[],
  work: (hooks: LongActionHooks) => Promise<void>,
): Promise<void> {
  const logLines: string[] = [];
  let step = '';
  // The run's own secrets (sudo and SSH passwords, a passphrase) are masked by value, the rest by form.
  const onProgress = (raw: ProgressEvent): void => {
    const event = maskProgress(raw, secrets);
    if (event.kind === 'step' && event.state === 'running') step = event.step;
    if (event.kind === 'log') logLines.push(...event.text.split('\n').filter(Boolean));
    if (logLines.length > LOG_TAIL_LINES * 2) logLines.splice(0, logLines.length - LOG_TAIL_LINES);
    hooks.onProgress(event);
  };
  const logTail = (): string => logLines.slice(-LOG_TAIL_LINES).join('\n');
  try {
    await work({ ...hooks, onProgress });
    await writeProvisionStatus(record.dir, { ok: true, logTail: logTail(), at: new Date().toISOString() });
  } catch (caught) {
    // Cancelled while a step ran (its connection was closed under it): said so, with the step, not as the lost connection.
    const stopped = hooks.signal?.aborted && !(caught instanceof BerthError && caught.code === 'CANCELLED');
    const err = stopped ? new BerthError('CANCELLED', `Machine "${record.name}": cancelled at step "${step}"`) : caught;
    const error = maskTextAndValues((err as Error).message, secrets);
    await writeProvisionStatus(record.dir, { ok: false, error, logTail: logTail(), at: new Date().toISOString() });
    throw err;
  }
}

/** A saved machine to provision, how to sign in, and what to do first once connected (let a key in). */
export interface ProvisionJob {
  record: MachineRecord;
  auth: SshAuth;
  opts: ProvisionOptions;
  before?: (ssh: SshSession) => Promise<void>;
}

/** Returns the Engine's version once it answers (null: an adopted Engine, only checked). */
async function provisionOverSsh(machines: MachineService, { record, auth, opts, before }: ProvisionJob, hooks: LongActionHooks): Promise<string | null> {
  let ssh: SshSession | null = null;
  try {
    ssh = await connectMachine(record, { auth, acceptHostKey: opts.acceptHostKey });
    hooks.onConnected?.(ssh);
    hooks.onProgress({ machine: record.name, kind: 'log', text: `Connected to ${ssh.target.user}@${ssh.target.host}:${ssh.target.port} (host key ${ssh.hostKey.fingerprint})\n` });
    await before?.(ssh);
    const own = await readBerthMachine(record);
    if (own.engineInstall?.kind === 'adopt') {
      await checkAdoptedDaemon(record, dockerUrl(recordedIp(record), recordedEnginePort(record))!, hooks);
      return null;
    }
    const { ca } = await ensureStoreCerts(machines.storePath, { ...recordedCa(record), ...machines.certFiles });
    const fromDisk = opts.upgrade ? null : (driverFor(record.config.DriverName).engineFromDisk?.(record) ?? null);
    if (fromDisk) hooks.onProgress({ machine: record.name, kind: 'log', text: `Docker Engine came with ${fromDisk}\n` });
    const result = await provision({
      machine: record.name,
      ssh,
      ip: recordedIp(record) ?? '',
      enginePort: recordedEnginePort(record) ?? DEFAULT_ENGINE_PORT,
      engine: fromDisk ? { kind: 'keep' } : (own.engineInstall ?? { kind: 'distro' }),
      engineOptions: record.config.HostOptions.EngineOptions ?? {},
      extraSans: record.config.HostOptions.AuthOptions?.ServerCertSANs ?? [],
      setHostname: own.setHostname !== false,
      sudoPassword: opts.sudoPassword,
      upgrade: opts.upgrade,
      serverCert: opts.newCert ? undefined : await currentServerCert(record.dir),
      ca,
      clientTls: clientTlsFiles(record),
      onProgress: hooks.onProgress,
      signal: hooks.signal,
    });
    await writeFileAtomic(join(record.dir, 'server.pem'), result.serverCert.certPem, 0o644);
    await writeFileAtomic(join(record.dir, 'server-key.pem'), result.serverCert.keyPem, 0o600);
    return result.version.Version;
  } finally {
    ssh?.close();
  }
}

/** The wizard's engine options under docker-machine's EngineOptions names. */
export function engineOptionsOf(o: EngineOptionsInput): Partial<EngineOptions> {
  return {
    Labels: o.labels,
    InsecureRegistry: o.insecureRegistries,
    RegistryMirror: o.registryMirrors,
    StorageDriver: o.storageDriver,
    Env: o.env,
    ArbitraryFlags: o.flags,
  };
}

/**
 * Provisions a saved machine and records the outcome beside it. A machine its driver brings up
 * itself (a VM not running) is brought up first, in the same step list, so a create that failed
 * half way resumes where it stopped.
 */
export async function provisionRecord(machines: MachineService, job: ProvisionJob, hooks: LongActionHooks): Promise<MachineStatus> {
  const { record, opts } = job;
  const driver = driverFor(record.config.DriverName);
  const bringUp = driver.bringUp;
  const needed = bringUp && (await bringUp.needed(record)) ? bringUp : null;
  const followUp = driver.afterFirstProvision?.pending(record) ? driver.afterFirstProvision : undefined;
  const announced = needed !== null || followUp !== undefined;
  if (announced) hooks.onProgress({ machine: record.name, kind: 'steps', steps: [...(needed?.steps ?? []), ...PROVISION_STEPS, ...(followUp?.steps ?? [])] });
  // Once the whole list is announced, provisioning's own list is not announced again.
  const inPlan: LongActionHooks = announced
    ? {
        ...hooks,
        onProgress: (e) => {
          if (e.kind !== 'steps') hooks.onProgress(e);
        },
      }
    : hooks;
  const secrets = [opts.sudoPassword, job.auth.password, job.auth.passphrase];
  // What the driver's steps learnt (a downloaded image's file, the base a disk is made on) is kept even
  // when a later step failed; only its driver fields are written over what is on disk now.
  const keepDriverFields = (): Promise<unknown> => machines.store.update(record.name, (config) => Object.assign(config.Driver, record.config.Driver));
  await recordingOutcome(record, inPlan, secrets, async (h) => {
    if (needed) {
      try {
        await needed.run(record, { ...h, sudoPassword: opts.sudoPassword }, stepper(record.name, needed.steps, h.onProgress, h.signal));
      } finally {
        await keepDriverFields();
      }
    }
    const version = await provisionOverSsh(machines, job, h);
    if (followUp) {
      try {
        await followUp.run(record, h, stepper(record.name, followUp.steps, h.onProgress, h.signal), version);
      } finally {
        await keepDriverFields();
      }
    }
  });
  // Its docker context (if Berth made one) follows a new address or new certificates.
  await refreshMachineContext(machines, record.name).catch((err: Error) => hooks.onProgress({ machine: record.name, kind: 'log', text: `Docker context not refreshed: ${err.message}\n` }));
  return machines.status(record.name);
}

/** `berth provision NAME` and the Retry button: provisions again with the machine's own key. */
export async function provisionMachine(machines: MachineService, name: string, opts: ProvisionOptions, hooks: LongActionHooks): Promise<MachineStatus> {
  const record = await capable(machines, name, 'provision');
  return provisionRecord(machines, { record, auth: machineSshTarget(record).auth, opts }, hooks);
}

/** The key a saved machine's SSH address offers now, so a changed one can be shown and re-trusted. */
export async function probeMachineHostKey(machines: MachineService, name: string): Promise<HostKeyProbe> {
  const { host, port } = machineSshTarget(await machines.store.load(name));
  return probeHostKey(host, port, knownHostsPath(machines.storePath));
}


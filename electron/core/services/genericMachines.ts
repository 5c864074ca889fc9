import { unmountAll } from './machineMounts';
import { maskProgress, maskTextAndValues } from '../format/maskSecrets';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { EngineOptionsInput, GenericCreateRequest, HostKeyProbe, MachineStatus, ProgressEvent } from '../../../shared/types';
import { newGenericConfig } from '../drivers/genericConfig';
import { driverFor } from '../drivers/registry';
import { BerthError } from '../errors';
import { disableRemoteTls } from '../provision/disableRemoteTls';
import { provision, PROVISION_STEPS } from '../provision/provisioner';
import { stepper } from '../provision/steps';
import { clearProvisionStatus, writeProvisionStatus } from '../provision/provisionStatus';
import { knownHostsPath } from '../ssh/hostKeys';
import { connectMachine, machineSshTarget } from '../ssh/machineSsh';
import { probeHostKey, type SshAuth, type SshSession } from '../ssh/sshSession';
import { type EngineOptions, numberField, stringField } from '../store/machineConfig';
import { readSettings } from '../settings/appSettings';
import type { MachineRecord } from '../store/machineStore';
import { readBerthMachine, updateBerthMachine } from '../store/berthMachineFile';
import { refreshMachineContext, removeMachineContext } from './machineContexts';
import { writeFileAtomic } from '../store/atomicWrite';
import { type CertPair, copyClientCertsToMachine, ensureStoreCerts, type StoreCerts } from '../tls/certs';
import { dockerUrl } from '../drivers/recordFields';
import { adoptedCertSource, checkAdoptedDaemon, machineLocalCerts } from './adoptMachines';
import { clientTlsFiles, recordedCa } from '../status/machineStatus';
import type { MachineService } from './machineService';
import { capable } from './capable';
import { newMachineDir } from './machineDir';

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
interface ProvisionJob {
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
    const d = record.config.Driver;
    if (own.engineInstall?.kind === 'adopt') {
      await checkAdoptedDaemon(record, dockerUrl(stringField(d, 'IPAddress'), numberField(d, 'EnginePort'))!, hooks);
      return null;
    }
    const { ca } = await ensureStoreCerts(machines.storePath, { ...recordedCa(record), ...machines.certFiles });
    const fromDisk = opts.upgrade ? null : (driverFor(record.config.DriverName).engineFromDisk?.(record) ?? null);
    if (fromDisk) hooks.onProgress({ machine: record.name, kind: 'log', text: `Docker Engine came with ${fromDisk}\n` });
    const result = await provision({
      machine: record.name,
      ssh,
      ip: stringField(d, 'IPAddress'),
      enginePort: numberField(d, 'EnginePort') ?? 2376,
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

/** Lets the machine's own key in, for hosts reached by password or agent on first contact. */
async function authorizeKey(ssh: SshSession, publicKey: string): Promise<void> {
  const r = await ssh.exec(
    'umask 077; mkdir -p ~/.ssh && touch ~/.ssh/authorized_keys && k="$(cat)" && { grep -qxF "$k" ~/.ssh/authorized_keys || printf "%s\\n" "$k" >> ~/.ssh/authorized_keys; }',
    { stdin: publicKey },
  );
  if (r.code !== 0) throw new BerthError('PROVISION_FAILED', `Cannot add Berth's key to ~/.ssh/authorized_keys on ${ssh.target.host}: ${r.stderr.trim()}`);
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
 * docker-machine's `create -d generic`: the record is saved first (a failed create stays visible
 * and retryable), then the host is provisioned over one SSH connection.
 */
export async function createGenericMachine(machines: MachineService, req: GenericCreateRequest, hooks: LongActionHooks): Promise<MachineStatus> {
  if (req.tls && req.engine.kind !== 'adopt') throw new BerthError('INVALID_PAYLOAD', 'Client certificate files are given only to adopt a running Engine (engine "adopt"); Berth makes its own otherwise');
  const dir = await newMachineDir(machines, req.name);

  // The store keeps its own copy of the key (as docker-machine does); with a password or the agent,
  // Berth makes a key for the machine and authorises it, so later connections need no secret.
  let sshKeyPath: string;
  let originalKey = '';
  let generatedPublicKey: string | null = null;
  if (req.auth.kind === 'key') {
    originalKey = req.auth.keyPath;
    sshKeyPath = join(dir, 'id_rsa');
    let key: Buffer;
    try {
      key = await readFile(req.auth.keyPath);
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw new BerthError('SSH_AUTH', `Cannot read the private key ${req.auth.keyPath}: ${(err as Error).message}`);
    }
    // Never through copyFile: the copy would exist for a moment with the source's (maybe wider) mode.
    await writeFileAtomic(sshKeyPath, key, 0o600);
  } else {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment: `berth-${req.name}` });
    sshKeyPath = join(dir, 'id_ed25519');
    await writeFileAtomic(sshKeyPath, pair.private, 0o600);
    await writeFileAtomic(`${sshKeyPath}.pub`, `${pair.public}\n`, 0o644);
    generatedPublicKey = pair.public;
  }

  // Adopting: the client certificate the daemon already trusts, kept in the machine's directory.
  let paths: StoreCerts;
  if (req.engine.kind === 'adopt') {
    await copyClientCertsToMachine(await adoptedCertSource(machines, req.tls), dir);
    paths = machineLocalCerts(dir);
  } else {
    paths = (await ensureStoreCerts(machines.storePath, machines.certFiles)).paths;
    await copyClientCertsToMachine(paths, dir);
  }
  const config = newGenericConfig({
    name: req.name,
    storePath: machines.storePath,
    certs: paths,
    ip: req.host,
    sshUser: req.user,
    sshPort: req.port,
    sshKeyPath,
    originalKey,
    enginePort: req.enginePort,
    engine: engineOptionsOf(req.engineOptions),
    extraSans: req.extraSans,
  });
  const record: MachineRecord = { name: req.name, dir, storePath: machines.storePath, config };
  await updateBerthMachine(record, { engineInstall: req.engine, setHostname: req.setHostname });
  await machines.store.save(record);
  await clearProvisionStatus(dir);

  const auth: SshAuth =
    req.auth.kind === 'key'
      ? { privateKeyPath: req.auth.keyPath, passphrase: req.auth.passphrase }
      : req.auth.kind === 'password'
        ? { password: req.auth.password }
        : { agent: true };
  const before = async (ssh: SshSession): Promise<void> => {
    if (generatedPublicKey) await authorizeKey(ssh, generatedPublicKey);
  };
  return provisionRecord(machines, { record, auth, opts: { sudoPassword: req.sudoPassword, acceptHostKey: req.acceptHostKey }, before }, hooks);
}

/**
 * Provisions a saved machine and records the outcome beside it. A machine its driver brings up
 * itself (a VM not running) is brought up first, in the same step list, so a create that failed
 * half way resumes where it stopped.
 */
async function provisionRecord(machines: MachineService, job: ProvisionJob, hooks: LongActionHooks): Promise<MachineStatus> {
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

export interface RemoveOptions {
  /** Also take Berth's TLS listener off the host before the record goes (a generic host stays). */
  disableRemoteTls?: boolean;
  sudoPassword?: string;
  /** Leave the machine's docker context (removed by default). */
  keepContext?: boolean;
}

/** Removes the local record (a generic host is not ours to delete), optionally undoing Berth's Docker set-up there first. */
export async function removeMachine(machines: MachineService, name: string, opts: RemoveOptions = {}): Promise<string | null> {
  const record = await machines.store.load(name).catch(async (err: unknown) => {
    // A machine whose config.json is broken can still be removed.
    if (err instanceof BerthError && err.code === 'CORRUPT_CONFIG') return null;
    throw err;
  });
  if (record) await driverFor(record.config.DriverName).beforeRemove?.(record);
  let remote: string | null = null;
  if (opts.disableRemoteTls && record && (await readBerthMachine(record)).engineInstall?.kind === 'adopt') {
    throw new BerthError('UNSUPPORTED', `Machine "${name}": nothing was removed: Berth did not set up Docker's TLS there (its Engine was adopted as it runs), so there is nothing to undo on the host`);
  }
  if (opts.disableRemoteTls && record) {
    const ssh = await connectMachine(record);
    try {
      remote = await disableRemoteTls(ssh, opts.sudoPassword);
    } catch (err) {
      throw new BerthError(err instanceof BerthError ? err.code : 'PROVISION_FAILED', `Machine "${name}": nothing was removed: ${(err as Error).message}`);
    } finally {
      ssh.close();
    }
  }
  // Its sshfs mounts first: a mount of a host Berth no longer knows would hang whoever opens it.
  if (record) await unmountAll(record);
  await rm(record?.dir ?? machines.store.machineDir(name), { recursive: true, force: true });
  // A context to a machine that is gone would only fail; one Berth did not make is left alone.
  if (!opts.keepContext) await removeMachineContext(machines, name).catch(() => false);
  if ((await readSettings(machines.storePath)).chosenActive === name) await machines.setChosenActive(null);
  return remote;
}

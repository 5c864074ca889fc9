import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleEntry, ImportedMachine } from '../../../shared/types';
import { machineNameProblem } from '../../../shared/machineName';
import { driverFor } from '../drivers/registry';
import { BerthError } from '../errors';
import { machineCapabilities } from '../services/capable';
import type { MachineService } from '../services/machineService';
import { fingerprint, knownHostsPath, lookupPinned, pinHostKey } from '../ssh/hostKeys';
import { connectMachine } from '../ssh/machineSsh';
import { writeFileAtomic } from '../store/atomicWrite';
import { BERTH_MACHINE_FILE } from '../store/berthMachineFile';
import { type MachineConfig, parseMachineConfig, serializeMachineConfig } from '../store/machineConfig';
import type { MachineRecord } from '../store/machineStore';
import { pathExists } from '../util/pathExists';
import { openBundle } from './bundleCrypto';
import { type BundledMachine, type BundlePayload, bundlePayload } from './bundlePayload';

/** Opens and checks a bundle; every way it can be wrong is a BAD_BUNDLE / WRONG_PASSPHRASE error. */
export async function readBundle(file: Buffer, passphrase: string, what?: string): Promise<BundlePayload> {
  const plain = await openBundle(file, passphrase, what);
  let json: unknown;
  try {
    json = JSON.parse(plain.toString('utf8'));
  } catch {
    throw new BerthError('BAD_BUNDLE', `${what ?? 'The bundle'} holds no readable machine list`);
  }
  const parsed = bundlePayload.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BerthError('BAD_BUNDLE', `${what ?? 'The bundle'} holds a machine list this Berth does not read (${issue.path.join('.') || 'the list'}: ${issue.message})`);
  }
  return parsed.data;
}

/** The bundle's machines and whether their names are taken here (the GUI asks what to do with those). */
export async function bundleEntries(machines: MachineService, payload: BundlePayload): Promise<BundleEntry[]> {
  return Promise.all(
    payload.machines.map(async (m) => ({
      name: m.name,
      driverName: m.driverName,
      url: driverFor(m.driverName).url({ name: m.name, dir: '', storePath: '', config: m.config as MachineConfig }),
      taken: await pathExists(machines.store.machineDir(m.name)),
    })),
  );
}

/** config.json for its new place: every path docker-machine records points into the new machine directory. */
export function relocatedConfig(m: BundledMachine, name: string, storePath: string, dir: string): MachineConfig {
  const config = parseMachineConfig(JSON.stringify(m.config));
  config.Name = name;
  const d = config.Driver;
  d.MachineName = name;
  d.StorePath = storePath;
  if ('SSHKeyPath' in d) d.SSHKeyPath = m.sshKeyFile ? join(dir, m.sshKeyFile) : '';
  // The user's own key on the exporting computer means nothing here.
  if ('SSHKey' in d) d.SSHKey = '';
  const a = (config.HostOptions.AuthOptions ??= {});
  Object.assign(a, {
    CertDir: dir,
    CaCertPath: join(dir, 'ca.pem'),
    // '' when the CA key stayed behind: provisioning is refused with the reason instead of signing with another CA.
    CaPrivateKeyPath: 'ca-key.pem' in m.files ? join(dir, 'ca-key.pem') : '',
    ServerCertPath: join(dir, 'server.pem'),
    ServerKeyPath: join(dir, 'server-key.pem'),
    ClientCertPath: join(dir, 'cert.pem'),
    ClientKeyPath: join(dir, 'key.pem'),
    StorePath: dir,
  });
  return config;
}

export interface ImportOptions {
  /** Bundle name → name in this store. */
  renames?: Record<string, string>;
  /** Bundle names not to import. */
  skip?: string[];
  /** How long each machine's live check may take. */
  checkTimeoutMs?: number;
}

const PRIVATE = /key\.pem$|^id_[a-z0-9]+$/;

/** Writes one machine into a hidden directory, then moves it into place: a machine appears whole or not at all. */
async function writeMachine(machines: MachineService, m: BundledMachine, name: string): Promise<{ record: MachineRecord; warning: string | null }> {
  const dir = machines.store.machineDir(name);
  const tmp = join(machines.store.machinesDir, `.import-${randomBytes(6).toString('hex')}`);
  await mkdir(tmp, { recursive: true, mode: 0o700 });
  try {
    for (const [file, data] of Object.entries(m.files)) await writeFileAtomic(join(tmp, file), Buffer.from(data, 'base64'), PRIVATE.test(file) ? 0o600 : 0o644);
    const config = relocatedConfig(m, name, machines.storePath, dir);
    await writeFileAtomic(join(tmp, 'config.json'), serializeMachineConfig(config), 0o600);
    if (m.berth !== null) await writeFileAtomic(join(tmp, BERTH_MACHINE_FILE), m.berth, 0o600);
    if (await pathExists(dir)) throw new BerthError('INVALID_NAME', `Machine "${name}" appeared in this store during the import: not imported`);
    await rename(tmp, dir);
    let warning: string | null = null;
    if (m.hostKey) {
      const blob = Buffer.from(m.hostKey.key, 'base64');
      const file = knownHostsPath(machines.storePath);
      const pinned = await lookupPinned(file, m.hostKey.host, m.hostKey.port);
      if (pinned && !pinned.blob.equals(blob)) {
        warning = `this store already pins another host key for ${m.hostKey.host}:${m.hostKey.port} (${fingerprint(pinned.blob)}), kept; the bundle's is ${fingerprint(blob)}`;
      } else if (!pinned) {
        await pinHostKey(file, m.hostKey.host, m.hostKey.port, blob);
      }
    }
    return { record: { name, dir, storePath: machines.storePath, config }, warning };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** SSH with the machine's key and pinned host key, and Docker over TLS: what works after the move. */
async function liveCheck(machines: MachineService, record: MachineRecord, timeoutMs: number): Promise<Pick<ImportedMachine, 'ssh' | 'docker'>> {
  const sshCheck = async (): Promise<ImportedMachine['ssh']> => {
    if ((await machineCapabilities(record)).ssh !== null) return null;
    try {
      const ssh = await connectMachine(record);
      ssh.close();
      return { ok: true, message: `SSH as ${ssh.target.user}@${ssh.target.host}:${ssh.target.port} works (host key ${ssh.hostKey.fingerprint})` };
    } catch (err) {
      return { ok: false, message: `SSH: ${(err as Error).message}` };
    }
  };
  const [ssh, status] = await Promise.all([sshCheck(), machines.status(record.name, { timeoutMs })]);
  const docker =
    status.dockerVersion !== 'Unknown'
      ? { ok: true, message: `Docker ${status.dockerVersion} answers at ${status.url} over TLS` }
      : status.state !== 'Running'
        ? { ok: false, message: `Docker: not checked, the machine is ${status.state}${status.detail ? ` (${status.detail})` : ''}` }
        : { ok: false, message: `Docker: ${status.error ?? 'did not answer'}` };
  return { ssh, docker };
}

/**
 * `berth import`: every machine of the bundle into this store under its (new) name, then checked
 * live. Names are settled first: a clash or an invalid rename stops the import before anything is
 * written, naming each machine and what to do.
 */
export async function importMachines(machines: MachineService, payload: BundlePayload, opts: ImportOptions = {}): Promise<ImportedMachine[]> {
  const renames = opts.renames ?? {};
  const skip = new Set(opts.skip ?? []);
  const inBundle = new Set(payload.machines.map((m) => m.name));
  for (const from of [...Object.keys(renames), ...skip]) {
    if (!inBundle.has(from)) throw new BerthError('INVALID_NAME', `The bundle has no machine "${from}" (it has: ${[...inBundle].join(', ')})`);
  }
  const plan = payload.machines.filter((m) => !skip.has(m.name)).map((m) => ({ m, name: renames[m.name] ?? m.name }));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { m, name } of plan) {
    const invalid = machineNameProblem(name);
    if (invalid) problems.push(`"${name}": ${invalid}`);
    else if (seen.has(name)) problems.push(`"${name}" is given to two machines of the bundle`);
    else if (await pathExists(machines.store.machineDir(name))) problems.push(`"${m.name}" is already a machine in this store: rename it (--rename ${m.name}=NEW) or skip it (--skip ${m.name})`);
    seen.add(name);
  }
  if (problems.length > 0) throw new BerthError('INVALID_NAME', `Nothing was imported: ${problems.join('; ')}`);
  const results: ImportedMachine[] = payload.machines.filter((m) => skip.has(m.name)).map((m) => ({ name: m.name, importedAs: null, warning: null, ssh: null, docker: null }));
  const written: Array<{ from: string; record: MachineRecord; warning: string | null }> = [];
  for (const { m, name } of plan) written.push({ from: m.name, ...(await writeMachine(machines, m, name)) });
  // Checked together once all are in: a host that does not answer costs its timeout once.
  const checked = await Promise.all(written.map((w) => liveCheck(machines, w.record, opts.checkTimeoutMs ?? 10_000)));
  return [...results, ...written.map((w, i) => ({ name: w.from, importedAs: w.record.name, warning: w.warning, ...checked[i]! }))];
}

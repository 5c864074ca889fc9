import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { driverFor } from '../drivers/registry';
import { BerthError } from '../errors';
import type { MachineService } from '../services/machineService';
import { knownHostsPath, lookupPinned } from '../ssh/hostKeys';
import { machineSshTarget } from '../ssh/machineSsh';
import { clientTlsFiles, recordedCa } from '../store/machineTls';
import { BERTH_MACHINE_FILE } from '../store/berthMachineFile';
import type { MachineRecord } from '../store/machineStore';
import { sealBundle } from './bundleCrypto';
import { BUNDLE_FORMAT, type BundledMachine, type BundlePayload } from './bundlePayload';

export interface ExportOptions {
  /** Also the CA's private key, so the new store can sign server certificates (provision, regenerate-certs) for these machines. */
  withCaKey?: boolean;
}

const readB64 = async (path: string): Promise<string> => (await readFile(path)).toString('base64');

/** One machine as the bundle carries it: everything its record points at, under machine-directory names. */
async function bundleMachine(machines: MachineService, record: MachineRecord, opts: ExportOptions): Promise<BundledMachine> {
  const driver = driverFor(record.config.DriverName);
  if (driver.bringUp) {
    throw new BerthError('UNSUPPORTED', `Machine "${record.name}" is a local VM (${record.config.DriverName}): its disk stays on this computer, so it cannot be exported`);
  }
  const files: Record<string, string> = {};
  const tls = clientTlsFiles(record);
  try {
    files['ca.pem'] = await readB64(tls.caPath);
    files['cert.pem'] = await readB64(tls.certPath);
    files['key.pem'] = await readB64(tls.keyPath);
  } catch (err) {
    throw new BerthError('NOT_FOUND', `Machine "${record.name}" cannot be exported: its client certificate files are missing (${(err as Error).message})`);
  }
  for (const f of ['server.pem', 'server-key.pem']) if (existsSync(join(record.dir, f))) files[f] = await readB64(join(record.dir, f));
  if (opts.withCaKey) {
    const { caKeyPath } = recordedCa(record);
    const key = caKeyPath ?? (existsSync(join(record.dir, 'ca-key.pem')) ? join(record.dir, 'ca-key.pem') : null);
    if (!key) throw new BerthError('NOT_FOUND', `Machine "${record.name}": the key of the CA that signed it is not in this store, so it cannot be exported with it`);
    files['ca-key.pem'] = await readB64(key);
  }
  const ssh = machineSshTarget(record);
  let sshKeyFile: string | null = null;
  let hostKey: BundledMachine['hostKey'] = null;
  const keyPath = ssh.auth.privateKeyPath;
  if (driver.capabilities.ssh === null && ssh.host && keyPath && existsSync(keyPath)) {
    sshKeyFile = /^id_[a-z0-9]{2,10}$/.test(basename(keyPath)) ? basename(keyPath) : 'id_rsa';
    files[sshKeyFile] = await readB64(keyPath);
    if (existsSync(`${keyPath}.pub`)) files[`${sshKeyFile}.pub`] = await readB64(`${keyPath}.pub`);
    const pinned = await lookupPinned(knownHostsPath(machines.storePath), ssh.host, ssh.port);
    if (pinned) hostKey = { host: ssh.host, port: ssh.port, key: pinned.blob.toString('base64') };
  }
  const berth = await readFile(join(record.dir, BERTH_MACHINE_FILE), 'utf8').catch(() => null);
  return { name: record.name, driverName: record.config.DriverName, config: record.config, berth, files, sshKeyFile, hostKey };
}

/** `berth export`: the named machines sealed with the passphrase into one file's bytes. */
export async function exportMachines(machines: MachineService, names: string[], passphrase: string, opts: ExportOptions = {}): Promise<Buffer> {
  if (names.length === 0) throw new BerthError('INVALID_PAYLOAD', 'Name at least one machine to export');
  const unique = [...new Set(names)];
  const bundled = await Promise.all(unique.map(async (name) => bundleMachine(machines, await machines.store.load(name), opts)));
  const payload: BundlePayload = { format: BUNDLE_FORMAT, createdAt: new Date().toISOString(), machines: bundled };
  return sealBundle(Buffer.from(JSON.stringify(payload), 'utf8'), passphrase);
}

/** The file name a bundle of these machines is offered under. */
export function bundleFileName(names: string[]): string {
  return names.length === 1 ? `${names[0]}.berth` : `machines-${names.length}.berth`;
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TlsFiles } from '../docker/dockerVersion';
import { stringField } from './machineConfig';
import type { MachineRecord } from './machineStore';
import { rebaseStorePath } from './storePaths';

/** The TLS files a machine's record names (docker-machine's AuthOptions): read by the status, provisioning, env and drivers alike. */

/** A file the record's AuthOptions name, re-rooted if the store moved; null when it is not there. */
function recordedAuthFile(record: MachineRecord, field: string): string | null {
  const recordedRoot = stringField(record.config.Driver, 'StorePath') || undefined;
  const rebased = rebaseStorePath(stringField(record.config.HostOptions.AuthOptions ?? {}, field), recordedRoot, record.storePath);
  return rebased && existsSync(rebased) ? rebased : null;
}

/** The client certs docker-machine would use for this machine, re-rooted if the store moved. */
export function clientTlsFiles(record: MachineRecord): TlsFiles {
  // Else the machine directory's: env's DOCKER_CERT_PATH holds copies of the same files.
  const pick = (field: string, inMachineDir: string): string => recordedAuthFile(record, field) ?? join(record.dir, inMachineDir);
  return {
    caPath: pick('CaCertPath', 'ca.pem'),
    certPath: pick('ClientCertPath', 'cert.pem'),
    keyPath: pick('ClientKeyPath', 'key.pem'),
  };
}

/**
 * The CA a machine was made with (its AuthOptions, re-rooted if the store moved), when both its files
 * exist: provisioning again signs the server certificate with it, so a machine made with
 * `--tls-ca-cert` keeps a certificate its own client trusts. {} for the store's CA.
 */
export function recordedCa(record: MachineRecord): { caPath?: string; caKeyPath?: string } {
  const caPath = recordedAuthFile(record, 'CaCertPath');
  const caKeyPath = recordedAuthFile(record, 'CaPrivateKeyPath');
  return caPath && caKeyPath ? { caPath, caKeyPath } : {};
}


import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineStatus } from '../../../shared/types';
import { fetchEngineVersion, type TlsFiles } from '../docker/dockerVersion';
import type { Driver } from '../drivers/driver';
import { stringField } from '../store/machineConfig';
import { DeadlineError, withDeadline } from '../util/deadline';
import type { MachineRecord } from '../store/machineStore';
import { rebaseStorePath } from '../store/storePaths';

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

export interface StatusOptions {
  timeoutMs: number;
  /** The machine is active when its URL equals this (docker-machine's rule)… */
  dockerHost: string | undefined;
  /** …or when the user chose it as active in the app. */
  chosenActive: string | null;
}

function describeDockerError(err: unknown, url: string): string {
  const e = err as NodeJS.ErrnoException & { reason?: string; statusCode?: number };
  if (err instanceof DeadlineError) return `Docker at ${url} did not answer within ${err.ms} ms`;
  if (e.code === 'ENOENT') return `TLS certificate missing: ${e.message}`;
  if (e.code === 'ECONNREFUSED') return `Docker at ${url} refused the connection`;
  return `Docker at ${url}: ${e.message}`;
}

/**
 * One `ls` row's live part: the driver's state and, for a running machine, the Engine version.
 * Never throws and never takes longer than the timeout (then the row is Timeout, as in docker-machine).
 */
export async function probeMachineStatus(
  record: MachineRecord,
  driver: Driver,
  opts: StatusOptions,
): Promise<MachineStatus> {
  const started = Date.now();
  const elapsed = (): number => Date.now() - started;
  const run = async (): Promise<MachineStatus> => {
    const { state, error, detail } = await driver.state(record, opts.timeoutMs);
    const url = driver.url(record);
    const running = state === 'Running' && url !== null;
    let dockerVersion = 'Unknown';
    let dockerError: string | null = null;
    if (running) {
      try {
        // Leave a margin so a mute daemon is reported as such, not as an overall Timeout.
        const budget = Math.max(100, opts.timeoutMs - elapsed() - 200);
        const version = await fetchEngineVersion(url, clientTlsFiles(record), budget);
        dockerVersion = `v${version.Version}`;
      } catch (err) {
        dockerError = describeDockerError(err, url);
      }
    }
    const shownUrl = running ? url : '';
    const active = running && (opts.chosenActive !== null ? opts.chosenActive === record.name : url === opts.dockerHost);
    return {
      name: record.name,
      state,
      url: shownUrl,
      active,
      dockerVersion,
      error: error ?? dockerError,
      detail,
      responseMs: elapsed(),
    };
  };
  try {
    return await withDeadline(run(), opts.timeoutMs);
  } catch (err) {
    if (!(err instanceof DeadlineError)) throw err;
    return {
      name: record.name,
      state: 'Timeout',
      url: '',
      active: false,
      dockerVersion: '', // docker-machine's Timeout row leaves DOCKER empty
      error: null,
      detail: `No answer within ${opts.timeoutMs} ms`,
      responseMs: elapsed(),
    };
  }
}

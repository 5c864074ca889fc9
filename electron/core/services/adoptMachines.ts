import { join } from 'node:path';
import type { ClientTlsPaths } from '../../../shared/types';
import { dockerEndpoint, fetchEngineVersion, type TlsFiles } from '../docker/dockerVersion';
import { BerthError } from '../errors';
import { stepper } from '../provision/steps';
import { certCheckMessage, dialFailure, tlsHandshake } from '../status/connectionCheck';
import { clientTlsFiles } from '../store/machineTls';
import { writeFileAtomic } from '../store/atomicWrite';
import type { MachineRecord } from '../store/machineStore';
import { type StoreCerts, storeCertPaths } from '../tls/certs';
import { pathExists } from '../util/pathExists';
import type { LongActionHooks } from './provisioning';
import type { MachineService } from './machineService';

/**
 * Adopting a Docker host that already runs with TLS, without touching it: the client certificate
 * its daemon trusts is copied into the machine's directory (so the store is whole and can be
 * exported), the daemon's own certificate is checked against that CA and recorded as server.pem,
 * and Docker must answer. Nothing is installed, written or restarted on the host.
 */
export const ADOPT_STEPS = ['Check the Docker daemon over TLS'] as const;
const CHECK_TIMEOUT_MS = 15_000;

/** A machine's own copies of the client files (AuthOptions point there; no CA key: Berth signs nothing for it). */
export function machineLocalCerts(dir: string, caKeyPath = ''): StoreCerts {
  return { dir, caPath: join(dir, 'ca.pem'), caKeyPath, certPath: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem') };
}

/** The files the daemon is to be reached with: the ones given, else the store's (docker-machine's default). */
export async function adoptedCertSource(machines: MachineService, given: ClientTlsPaths | undefined): Promise<StoreCerts> {
  const source = { ...storeCertPaths(machines.storePath), ...machines.certFiles, ...given };
  const chosen = Boolean(given) || Object.keys(machines.certFiles).length > 0;
  for (const [what, path] of [['CA certificate', source.caPath], ['client certificate', source.certPath], ['client key', source.keyPath]] as const) {
    if (await pathExists(path)) continue;
    if (!chosen) {
      throw new BerthError('NOT_FOUND', `This store has no client certificate yet (${path}): give the files the daemon trusts with --tls-ca-cert, --tls-client-cert and --tls-client-key`);
    }
    throw new BerthError('NOT_FOUND', `The ${what} ${path} does not exist: give the files the daemon trusts`);
  }
  return source;
}

/** Checks the daemon as it is and records the certificate it presents; returns its Docker version. */
export async function checkAdoptedDaemon(record: MachineRecord, url: string, hooks: LongActionHooks): Promise<string> {
  const step = stepper(record.name, ADOPT_STEPS, hooks.onProgress, hooks.signal);
  const log = (text: string): void => hooks.onProgress({ machine: record.name, kind: 'log', text });
  const files: TlsFiles = clientTlsFiles(record);
  return (await step('Check the Docker daemon over TLS', async () => {
    const { addr } = dockerEndpoint(url);
    let presented: string;
    try {
      presented = await tlsHandshake(url, files, CHECK_TIMEOUT_MS);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code && /CERT|SELF_SIGNED|ALTNAME|UNABLE_TO/.test(e.code)) throw new Error(certCheckMessage(addr, e.message).trimEnd());
      throw new Error(`Error checking TLS connection: ${dialFailure(addr, e)}`);
    }
    await writeFileAtomic(join(record.dir, 'server.pem'), presented, 0o644);
    log(`The daemon at ${addr} presents a certificate the CA verifies (recorded as server.pem)\n`);
    const version = await fetchEngineVersion(url, files, CHECK_TIMEOUT_MS).catch((err: Error) => {
      throw new Error(`Docker at ${addr} did not accept the client certificate or did not answer: ${err.message}`);
    });
    log(`Docker ${version.Version} (API ${version.ApiVersion}) answers; nothing on the host was changed\n`);
    return version.Version;
  })) as string;
}

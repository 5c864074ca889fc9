import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CertInfo, MachineDetail, VersionInfo } from '../../../shared/types';
import { engineClient } from '../docker/dockerVersion';
import { driverFor } from '../drivers/registry';
import { maskSecrets } from '../format/maskSecrets';
import { machineSshTarget } from '../ssh/machineSsh';
import { clientTlsFiles } from '../store/machineTls';
import { ipMismatch, readCertInfo } from '../tls/certInfo';
import { withDeadline } from '../util/deadline';
import { machineCapabilities } from './capable';
import { machineMounts } from './machineMounts';
import type { MachineService } from './machineService';

const list = (v: string[] | null | undefined): string[] => v ?? [];

/** Everything a machine's page shows that the store alone knows (no network). */
export async function machineDetail(machines: MachineService, name: string): Promise<MachineDetail> {
  const record = await machines.store.load(name);
  const driver = driverFor(record.config.DriverName);
  const ip = driver.ip(record);
  const tls = clientTlsFiles(record);
  const certs: MachineDetail['certs'] = { server: null, ca: null, client: null, error: null };
  const problems: string[] = [];
  const read = (file: string): Promise<CertInfo | null> =>
    readCertInfo(file).catch((err: Error) => {
      problems.push(`${file}: ${err.message}`);
      return null;
    });
  [certs.server, certs.ca, certs.client] = await Promise.all([read(join(record.dir, 'server.pem')), read(tls.caPath), read(tls.certPath)]);
  if (problems.length) certs.error = problems.join('; ');
  const ssh = machineSshTarget(record);
  const capabilities = await machineCapabilities(record);
  const e = record.config.HostOptions.EngineOptions ?? {};
  return {
    name,
    driverName: record.config.DriverName,
    capabilities,
    ip,
    url: driver.url(record),
    ssh: ssh.host && capabilities.ssh === null ? { user: ssh.user, host: ssh.host, port: ssh.port, keyPath: ssh.auth.privateKeyPath ?? '' } : null,
    created: await stat(record.dir).then((s) => s.birthtime.toISOString(), () => null),
    engineOptions: {
      labels: list(e.Labels),
      insecureRegistries: list(e.InsecureRegistry),
      registryMirrors: list(e.RegistryMirror),
      storageDriver: e.StorageDriver ?? '',
      env: list(e.Env),
      flags: list(e.ArbitraryFlags),
    },
    certs,
    ipMismatch: certs.server ? ipMismatch(ip, certs.server.sans) : null,
    inspect: JSON.stringify(maskSecrets(record.config), null, 4),
    facts: driver.describe?.(record) ?? [],
    hasConsole: driver.consoleLog !== undefined,
    removal: driver.removal,
    mounts: await machineMounts(record),
  };
}

const CONSOLE_TAIL = 64 * 1024;

/** The end of a local VM's serial console log (kept in its machine directory), or null for other machines. */
export async function machineConsoleLog(machines: MachineService, name: string): Promise<string | null> {
  const record = await machines.store.load(name);
  const file = driverFor(record.config.DriverName).consoleLog?.(record);
  if (!file) return null;
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.length > CONSOLE_TAIL ? text.slice(text.length - CONSOLE_TAIL) : text;
}

/** The local `docker` client's half of `docker version`, if a client is installed. */
function clientVersion(): Promise<VersionInfo['client']> {
  return new Promise((resolve) => {
    execFile('docker', ['version', '--format', '{{json .Client}}'], { timeout: 5000 }, (_err, stdout) => {
      try {
        const c = JSON.parse(stdout.trim()) as Record<string, string>;
        resolve({
          version: c.Version ?? '',
          apiVersion: c.ApiVersion ?? '',
          goVersion: c.GoVersion ?? '',
          gitCommit: c.GitCommit ?? '',
          built: c.BuildTime ?? '',
          os: c.Os ?? '',
          arch: c.Arch ?? '',
        });
      } catch {
        resolve(null);
      }
    });
  });
}

export interface EngineVersionBody {
  Version: string;
  ApiVersion: string;
  MinAPIVersion?: string;
  GoVersion?: string;
  GitCommit?: string;
  BuildTime?: string;
  Os?: string;
  Arch?: string;
  KernelVersion?: string;
  Components?: { Name: string; Version: string; Details?: { GitCommit?: string } }[];
}

/**
 * The server half of `docker version` from the Engine's `/version` and `/info` answers. Old Engines
 * (before API 1.25) send no MinAPIVersion and no Components; every field is optional but Version.
 */
export function serverVersion(v: EngineVersionBody, info: { OperatingSystem?: string }): NonNullable<VersionInfo['server']> {
  return {
    version: v.Version,
    apiVersion: v.ApiVersion,
    minApiVersion: v.MinAPIVersion ?? '',
    goVersion: v.GoVersion ?? '',
    gitCommit: v.GitCommit ?? '',
    built: v.BuildTime ?? '',
    os: v.Os ?? '',
    arch: v.Arch ?? '',
    kernel: v.KernelVersion ?? '',
    operatingSystem: info.OperatingSystem ?? '',
    components: (v.Components ?? []).map((c) => ({ name: c.Name, version: c.Version })),
  };
}

/**
 * `docker version` for a machine, both sides, for every Engine version (no pinned API version),
 * plus the host OS from the Engine's `/info`.
 */
export async function machineVersions(machines: MachineService, name: string, timeoutMs = 5000): Promise<VersionInfo> {
  const record = await machines.store.load(name);
  const url = driverFor(record.config.DriverName).url(record);
  const client = await clientVersion();
  if (!url) return { client, server: null, error: `Machine "${name}" has no Docker URL recorded` };
  try {
    const docker = await engineClient(url, clientTlsFiles(record), timeoutMs);
    const [v, info] = await withDeadline(Promise.all([docker.version() as unknown as Promise<EngineVersionBody>, docker.info() as Promise<{ OperatingSystem?: string }>]), timeoutMs);
    return { client, server: serverVersion(v, info), error: null };
  } catch (err) {
    return { client, server: null, error: `Docker at ${url} did not answer: ${(err as Error).message}` };
  }
}

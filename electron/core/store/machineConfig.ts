/**
 * docker-machine's config.json (ConfigVersion 3), as 0.16.2 writes it. The parsed object is kept
 * whole so that fields Berth does not know survive a write back.
 */
export interface EngineOptions {
  ArbitraryFlags?: string[] | null;
  Dns?: string[] | null;
  GraphDir?: string;
  Env?: string[] | null;
  Ipv6?: boolean;
  InsecureRegistry?: string[] | null;
  Labels?: string[] | null;
  LogLevel?: string;
  StorageDriver?: string;
  SelinuxEnabled?: boolean;
  TlsVerify?: boolean;
  RegistryMirror?: string[] | null;
  InstallURL?: string;
  [key: string]: unknown;
}

export interface SwarmOptions {
  IsSwarm?: boolean;
  Discovery?: string;
  Master?: boolean;
  Host?: string;
  [key: string]: unknown;
}

export interface AuthOptions {
  CertDir?: string;
  CaCertPath?: string;
  CaPrivateKeyPath?: string;
  ServerCertPath?: string;
  ServerKeyPath?: string;
  ClientKeyPath?: string;
  ClientCertPath?: string;
  ServerCertSANs?: string[] | null;
  StorePath?: string;
  [key: string]: unknown;
}

export interface HostOptions {
  Driver?: string;
  Memory?: number;
  Disk?: number;
  EngineOptions?: EngineOptions | null;
  SwarmOptions?: SwarmOptions | null;
  AuthOptions?: AuthOptions | null;
  [key: string]: unknown;
}

export interface MachineConfig {
  ConfigVersion: number;
  Driver: Record<string, unknown>;
  DriverName: string;
  HostOptions: HostOptions;
  Name: string;
  [key: string]: unknown;
}

export const CURRENT_CONFIG_VERSION = 3;

export class ConfigParseError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses config.json text; throws ConfigParseError with a reason a user can act on. */
export function parseMachineConfig(text: string): MachineConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigParseError(`config.json is not valid JSON (${(err as Error).message})`);
  }
  if (!isObject(data)) throw new ConfigParseError('config.json does not hold a JSON object');
  const version = data.ConfigVersion;
  if (typeof version !== 'number') throw new ConfigParseError('config.json has no ConfigVersion');
  if (version > CURRENT_CONFIG_VERSION) {
    throw new ConfigParseError(`config.json has ConfigVersion ${version}, newer than ${CURRENT_CONFIG_VERSION}`);
  }
  if (version < CURRENT_CONFIG_VERSION) {
    throw new ConfigParseError(
      `config.json has the old ConfigVersion ${version}; run "docker-machine ls" once to migrate it`,
    );
  }
  if (typeof data.DriverName !== 'string' || data.DriverName === '') {
    throw new ConfigParseError('config.json has no DriverName');
  }
  if (!isObject(data.Driver)) throw new ConfigParseError('config.json has no Driver object');
  if (!isObject(data.HostOptions)) throw new ConfigParseError('config.json has no HostOptions object');
  if (typeof data.Name !== 'string' || data.Name === '') throw new ConfigParseError('config.json has no Name');
  return data as MachineConfig;
}

/** docker-machine's layout: 4-space indent, no trailing newline. */
export function serializeMachineConfig(config: MachineConfig): string {
  return JSON.stringify(config, null, 4);
}

export function stringField(obj: Record<string, unknown> | null | undefined, key: string): string {
  const v = obj?.[key];
  return typeof v === 'string' ? v : '';
}

export function numberField(obj: Record<string, unknown> | null | undefined, key: string): number | null {
  const v = obj?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

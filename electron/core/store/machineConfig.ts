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

// The types of the fields Berth reads, checked once at load so a wrong-typed field makes that one
// machine an error row naming the field (never a TypeError in `ls` or the page). Fields Berth does
// not know are kept as they are, whatever their type. A table, not a schema library: every CLI
// call loads the store, and `berth env` must start like a native tool.
type Kind = 'string' | 'strings' | 'bool' | 'port' | 'object';
const FIELD_TYPES: [string, Kind][] = [
  ...(['IPAddress', 'MachineName', 'SSHUser', 'SSHKeyPath', 'StorePath'] as const).map((f): [string, Kind] => [`Driver.${f}`, 'string']),
  ['Driver.SSHPort', 'port'],
  ['Driver.EnginePort', 'port'],
  ['HostOptions.EngineOptions', 'object'],
  ...(['ArbitraryFlags', 'Dns', 'Env', 'InsecureRegistry', 'Labels', 'RegistryMirror'] as const).map((f): [string, Kind] => [`HostOptions.EngineOptions.${f}`, 'strings']),
  ...(['GraphDir', 'LogLevel', 'StorageDriver', 'InstallURL'] as const).map((f): [string, Kind] => [`HostOptions.EngineOptions.${f}`, 'string']),
  ...(['Ipv6', 'SelinuxEnabled', 'TlsVerify'] as const).map((f): [string, Kind] => [`HostOptions.EngineOptions.${f}`, 'bool']),
  ['HostOptions.SwarmOptions', 'object'],
  ['HostOptions.SwarmOptions.IsSwarm', 'bool'],
  ['HostOptions.SwarmOptions.Master', 'bool'],
  ['HostOptions.SwarmOptions.Discovery', 'string'],
  ['HostOptions.SwarmOptions.Host', 'string'],
  ['HostOptions.AuthOptions', 'object'],
  ...(['CertDir', 'CaCertPath', 'CaPrivateKeyPath', 'ServerCertPath', 'ServerKeyPath', 'ClientKeyPath', 'ClientCertPath', 'StorePath'] as const).map(
    (f): [string, Kind] => [`HostOptions.AuthOptions.${f}`, 'string'],
  ),
  ['HostOptions.AuthOptions.ServerCertSANs', 'strings'],
];

const FITS: Record<Kind, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  strings: (v) => v === null || (Array.isArray(v) && v.every((x) => typeof x === 'string')),
  bool: (v) => typeof v === 'boolean',
  port: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535,
  object: (v) => v === null || isObject(v),
};
const EXPECTED: Record<Kind, string> = {
  string: 'a string',
  strings: 'a list of strings',
  bool: 'true or false',
  port: 'a port number (0-65535)',
  object: 'an object',
};

/** The first field Berth reads whose value has the wrong type, as `path: got, expected`; null when all fit. */
function wrongField(data: Record<string, unknown>): string | null {
  for (const [path, kind] of FIELD_TYPES) {
    let value: unknown = data;
    for (const key of path.split('.')) value = isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
    // Absent fields are docker-machine's defaults; only a present value of the wrong type is refused.
    if (value !== undefined && !FITS[kind](value)) return `${path} has the wrong type (${typeName(value)}): expected ${EXPECTED[kind]}`;
  }
  return null;
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

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
    // Only where it broke: V8's message quotes the text, which may not be ours to echo.
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new ConfigParseError(`config.json is not valid JSON${at ? ` (at character ${at})` : ''}`);
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
  const wrong = wrongField(data);
  if (wrong) throw new ConfigParseError(`config.json field ${wrong}`);
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

import { z } from 'zod';

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
// machine an error row naming the field (never a TypeError in `ls` or the page). Loose objects:
// fields Berth does not know are kept as they are, whatever their type.
const str = z.string().optional();
const strs = z.array(z.string()).nullable().optional();
const bool = z.boolean().optional();
const int = z.number().int().min(0).optional();
const recordShape = z.looseObject({
  Driver: z.looseObject({ IPAddress: str, MachineName: str, SSHUser: str, SSHPort: int, SSHKeyPath: str, StorePath: str, EnginePort: int }),
  HostOptions: z.looseObject({
    EngineOptions: z
      .looseObject({
        ArbitraryFlags: strs,
        Dns: strs,
        GraphDir: str,
        Env: strs,
        Ipv6: bool,
        InsecureRegistry: strs,
        Labels: strs,
        LogLevel: str,
        StorageDriver: str,
        SelinuxEnabled: bool,
        TlsVerify: bool,
        RegistryMirror: strs,
        InstallURL: str,
      })
      .nullable()
      .optional(),
    SwarmOptions: z.looseObject({ IsSwarm: bool, Discovery: str, Master: bool, Host: str }).nullable().optional(),
    AuthOptions: z
      .looseObject({
        CertDir: str,
        CaCertPath: str,
        CaPrivateKeyPath: str,
        ServerCertPath: str,
        ServerKeyPath: str,
        ClientKeyPath: str,
        ClientCertPath: str,
        ServerCertSANs: strs,
        StorePath: str,
      })
      .nullable()
      .optional(),
  }),
});

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
  const checked = recordShape.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    let value: unknown = data;
    for (const k of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[k as PropertyKey];
    const field = issue.path.join('.');
    throw new ConfigParseError(`config.json field ${field} has the wrong type (${typeName(value)}): ${issue.message}`);
  }
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

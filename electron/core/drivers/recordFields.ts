import { readFile } from 'node:fs/promises';
import { rebaseStorePath } from '../store/storePaths';
import { numberField, stringField } from '../store/machineConfig';
import type { MachineRecord } from '../store/machineStore';
import { joinHostPort } from '../net/tcpProbe';

/** Every docker-machine driver embeds BaseDriver, whose IPAddress is the machine's address. */
export function recordedIp(record: MachineRecord): string | null {
  return stringField(record.config.Driver, 'IPAddress') || null;
}

export const DEFAULT_ENGINE_PORT = 2376;

export function dockerUrl(ip: string | null, port: number | null): string | null {
  return ip ? `tcp://${joinHostPort(ip, port ?? DEFAULT_ENGINE_PORT)}` : null;
}

export function recordedEnginePort(record: MachineRecord): number | null {
  return numberField(record.config.Driver, 'EnginePort');
}

export function recordedSshPort(record: MachineRecord): number {
  return numberField(record.config.Driver, 'SSHPort') ?? 22;
}

export function recordedSshUser(record: MachineRecord): string {
  return stringField(record.config.Driver, 'SSHUser') || 'root';
}

/** The machine's own key as recorded (a store that moved still finds it, as for the TLS files). */
export function recordedSshKey(record: MachineRecord): string {
  return rebaseStorePath(stringField(record.config.Driver, 'SSHKeyPath'), stringField(record.config.Driver, 'StorePath') || undefined, record.storePath);
}

/** The public half of a key Berth made for the machine (given to a VM's cloud-init). */
export async function publicKeyOf(record: MachineRecord): Promise<string> {
  return (await readFile(`${recordedSshKey(record)}.pub`, 'utf8')).trim();
}

/**
 * docker-machine's BaseDriver fields, in its order: every driver's `Driver` object starts with them
 * (a driver's own fields follow, written by its record codec).
 */
export function baseDriverFields(p: { ip: string; name: string; sshUser: string; sshPort: number; sshKeyPath: string; storePath: string }): Record<string, unknown> {
  return {
    IPAddress: p.ip,
    MachineName: p.name,
    SSHUser: p.sshUser,
    SSHPort: p.sshPort,
    SSHKeyPath: p.sshKeyPath,
    StorePath: p.storePath,
    SwarmMaster: false,
    SwarmHost: '',
    SwarmDiscovery: '',
  };
}

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

import { newMachineConfig } from '../../store/newMachineConfig';
import type { EngineOptions, MachineConfig } from '../../store/machineConfig';
import type { StoreCerts } from '../../tls/certs';
import { baseDriverFields } from '../recordFields';

export interface GenericRecordInput {
  name: string;
  storePath: string;
  /** The CA and client certificate the machine was made with (recorded in AuthOptions, as docker-machine does). */
  certs?: StoreCerts;
  ip: string;
  sshUser: string;
  sshPort: number;
  /** The key Berth logs in with, inside the machine directory. */
  sshKeyPath: string;
  /** The user's original key path (docker-machine's SSHKey), or "" when Berth generated the key. */
  originalKey: string;
  enginePort: number;
  engine: Partial<EngineOptions>;
  extraSans: string[];
}

/** A generic machine's config.json exactly as docker-machine 0.16.2 lays it out: BaseDriver's fields, then EnginePort and SSHKey. */
export function newGenericConfig(p: GenericRecordInput): MachineConfig {
  const driver = { ...baseDriverFields(p), EnginePort: p.enginePort, SSHKey: p.originalKey };
  return newMachineConfig({ name: p.name, storePath: p.storePath, certs: p.certs, driverName: 'generic', driver, engine: p.engine, extraSans: p.extraSans });
}

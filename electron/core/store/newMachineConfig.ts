import { join } from 'node:path';
import type { EngineOptions, MachineConfig } from './machineConfig';
import { type StoreCerts, storeCertPaths } from '../tls/certs';

export interface NewConfigInput {
  name: string;
  storePath: string;
  /** The CA and client certificate the machine was made with (recorded in AuthOptions, as docker-machine does). */
  certs?: StoreCerts;
  /** The driver's name and its `Driver` object, in the driver's own field order (its record codec makes it). */
  driverName: string;
  driver: Record<string, unknown>;
  engine: Partial<EngineOptions>;
  extraSans: string[];
}

/**
 * A new machine's config.json around its driver's fields, laid out exactly as docker-machine 0.16.2
 * writes one (HostOptions, EngineOptions, SwarmOptions, AuthOptions), so both tools can use it.
 */
export function newMachineConfig(p: NewConfigInput): MachineConfig {
  const machineDir = join(p.storePath, 'machines', p.name);
  const certs = p.certs ?? storeCertPaths(p.storePath);
  return {
    ConfigVersion: 3,
    Driver: p.driver,
    DriverName: p.driverName,
    HostOptions: {
      Driver: '',
      Memory: 0,
      Disk: 0,
      EngineOptions: {
        ArbitraryFlags: p.engine.ArbitraryFlags ?? [],
        Dns: null,
        GraphDir: '',
        Env: p.engine.Env ?? [],
        Ipv6: false,
        InsecureRegistry: p.engine.InsecureRegistry ?? [],
        Labels: p.engine.Labels ?? [],
        LogLevel: '',
        StorageDriver: p.engine.StorageDriver ?? '',
        SelinuxEnabled: false,
        TlsVerify: true,
        RegistryMirror: p.engine.RegistryMirror ?? [],
        InstallURL: 'https://get.docker.com',
      },
      SwarmOptions: {
        IsSwarm: false,
        Address: '',
        Discovery: '',
        Agent: false,
        Master: false,
        Host: 'tcp://0.0.0.0:3376',
        Image: 'swarm:latest',
        Strategy: 'spread',
        Heartbeat: 0,
        Overcommit: 0,
        ArbitraryFlags: [],
        ArbitraryJoinFlags: [],
        Env: null,
        IsExperimental: false,
      },
      AuthOptions: {
        CertDir: certs.dir,
        CaCertPath: certs.caPath,
        CaPrivateKeyPath: certs.caKeyPath,
        CaCertRemotePath: '',
        ServerCertPath: join(machineDir, 'server.pem'),
        ServerKeyPath: join(machineDir, 'server-key.pem'),
        ClientKeyPath: certs.keyPath,
        ServerCertRemotePath: '',
        ServerKeyRemotePath: '',
        ClientCertPath: certs.certPath,
        ServerCertSANs: p.extraSans,
        StorePath: machineDir,
      },
    },
    Name: p.name,
  };
}

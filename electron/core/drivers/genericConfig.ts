import { join } from 'node:path';
import type { EngineOptions, MachineConfig } from '../store/machineConfig';
import { type StoreCerts, storeCertPaths } from '../tls/certs';

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

/** A generic machine's config.json exactly as docker-machine 0.16.2 lays it out, so both tools can use it. */
export function newGenericConfig(p: GenericRecordInput): MachineConfig {
  const machineDir = join(p.storePath, 'machines', p.name);
  const certs = p.certs ?? storeCertPaths(p.storePath);
  return {
    ConfigVersion: 3,
    Driver: {
      IPAddress: p.ip,
      MachineName: p.name,
      SSHUser: p.sshUser,
      SSHPort: p.sshPort,
      SSHKeyPath: p.sshKeyPath,
      StorePath: p.storePath,
      SwarmMaster: false,
      SwarmHost: '',
      SwarmDiscovery: '',
      EnginePort: p.enginePort,
      SSHKey: p.originalKey,
    },
    DriverName: 'generic',
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

import { rm } from 'node:fs/promises';
import type { MachineStatus, NoneCreateRequest } from '../../../../shared/types';
import { dockerEndpoint } from '../../docker/dockerVersion';
import { adoptedCertSource, checkAdoptedDaemon, machineLocalCerts } from '../../services/adoptMachines';
import { newMachineDir } from '../../services/newMachine';
import type { MachineService } from '../../services/machineService';
import type { LongActionHooks } from '../../services/provisioning';
import type { MachineRecord } from '../../store/machineStore';
import { newMachineConfig } from '../../store/newMachineConfig';
import { copyClientCertsToMachine, type StoreCerts } from '../../tls/certs';
import { baseDriverFields } from '../recordFields';
import { NONE_DRIVER } from './driver';

/** docker-machine's `none` record: BaseDriver fields and URL, IPAddress as its host part (docker-machine: u.Host). */
function newNoneConfig(machines: MachineService, req: NoneCreateRequest, certs: StoreCerts): MachineRecord['config'] {
  const { addr } = dockerEndpoint(req.url);
  const driver = { ...baseDriverFields({ ip: addr, name: req.name, sshUser: '', sshPort: 0, sshKeyPath: '', storePath: machines.storePath }), URL: req.url };
  return newMachineConfig({ name: req.name, storePath: machines.storePath, certs, driverName: NONE_DRIVER, driver, engine: {}, extraSans: [] });
}

/**
 * `create -d none --url tcp://HOST:PORT NAME`. Unlike docker-machine, the daemon is checked first:
 * when it cannot be reached with the given certificates, nothing is kept and the reason is given.
 */
export async function createNoneMachine(machines: MachineService, req: NoneCreateRequest, hooks: LongActionHooks): Promise<MachineStatus> {
  const source = await adoptedCertSource(machines, req.tls);
  const dir = await newMachineDir(machines, req.name);
  try {
    await copyClientCertsToMachine(source, dir);
    const record: MachineRecord = { name: req.name, dir, storePath: machines.storePath, config: newNoneConfig(machines, req, machineLocalCerts(dir)) };
    await checkAdoptedDaemon(record, req.url, hooks);
    await machines.store.save(record);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return machines.status(req.name);
}

import { machineNameProblem } from '../../../../shared/machineName';
import type { MachineStatus, VirtualboxCreateRequest, VirtualboxHostInfo } from '../../../../shared/types';
import { BerthError } from '../../errors';
import { chooseImage } from '../../images/imageChoice';
import { newMachineDir } from '../../services/newMachine';
import type { MachineService } from '../../services/machineService';
import { newLoopbackPorts, newMachineKey, saveNewMachine, storeCertsFor } from '../../services/newMachine';
import { engineOptionsOf, type LongActionHooks, provisionRecord } from '../../services/provisioning';
import { machineSshTarget } from '../../ssh/machineSsh';
import type { MachineRecord } from '../../store/machineStore';
import { newMachineConfig } from '../../store/newMachineConfig';
import { hostResources } from '../../util/hostResources';
import { baseDriverFields } from '../recordFields';
import { vbox } from './commands';
import { VBOX_USER } from './driver';
import { parseHostOnlyIfs } from './parse';
import { newVirtualboxDriverFields, VIRTUALBOX_DRIVER } from './record';
import { checkVboxVersion, vboxManage } from './vboxManage';

/** What the wizard's VirtualBox page says before a create: the version, or what is missing and how to install it; the host-only interfaces. */
export async function virtualboxHostInfo(storePath: string): Promise<VirtualboxHostInfo> {
  const resources = await hostResources(storePath);
  try {
    const version = await checkVboxVersion();
    const hostOnly = parseHostOnlyIfs(await vboxManage(vbox.listHostOnlyIfs()).catch(() => '')).map((i) => ({ name: i.name, ip: i.ip }));
    return { version, missing: null, hostOnlyInterfaces: hostOnly, ...resources };
  } catch (err) {
    return { version: null, missing: (err as Error).message, hostOnlyInterfaces: [], ...resources };
  }
}

/**
 * `create -d virtualbox`: VirtualBox is checked first (nothing is written when it is missing), then
 * the record is saved and the VM brought up as a QEMU VM is: image, disk (a VDI copy), the VM
 * registered with its cloud-init seed on a CD, boot, SSH, then the same provisioning as any host.
 */
export async function createVirtualboxMachine(machines: MachineService, req: VirtualboxCreateRequest, hooks: LongActionHooks): Promise<MachineStatus> {
  const problem = machineNameProblem(req.name);
  if (problem) throw new BerthError('INVALID_NAME', problem);
  await checkVboxVersion();
  if (req.engine.kind === 'adopt') throw new BerthError('INVALID_PAYLOAD', 'A new VM has no running Engine to adopt: choose distro or docker-ce');
  if (req.hostOnlyInterface) {
    const known = parseHostOnlyIfs(await vboxManage(vbox.listHostOnlyIfs()));
    if (!known.some((i) => i.name === req.hostOnlyInterface)) {
      throw new BerthError('NOT_FOUND', `VirtualBox has no host-only interface "${req.hostOnlyInterface}" (it has: ${known.map((i) => i.name).join(', ') || 'none'}); create one in VirtualBox's Network Manager — VirtualBox 6.1.28 and later allow only 192.168.56.0/21 on them`);
    }
  }
  // VirtualBox boots x86_64 guests here (its Arm builds run arm64 guests: the same catalog picks those images there).
  const image = await chooseImage(req, process.arch === 'arm64' ? 'aarch64' : 'x86_64');
  const dir = await newMachineDir(machines, req.name);
  const key = await newMachineKey(dir, req.name);
  const [sshPort, enginePort] = await newLoopbackPorts(machines, 2);
  const base = baseDriverFields({ ip: '127.0.0.1', name: req.name, sshUser: VBOX_USER, sshPort: sshPort!, sshKeyPath: key.path, storePath: machines.storePath });
  const driver = newVirtualboxDriverFields(base, { cpus: req.cpus, memoryMb: req.memoryMb, diskSizeMb: req.diskSizeMb, enginePort: enginePort!, ...image, hostOnlyInterface: req.hostOnlyInterface ?? '' });
  const certs = await storeCertsFor(machines, dir);
  const config = newMachineConfig({ name: req.name, storePath: machines.storePath, certs, driverName: VIRTUALBOX_DRIVER, driver, engine: engineOptionsOf(req.engineOptions), extraSans: [] });
  const record: MachineRecord = { name: req.name, dir, storePath: machines.storePath, config };
  await saveNewMachine(machines, record, { engineInstall: req.engine });
  // Provisioning a VM that does not run brings it up first.
  return provisionRecord(machines, { record, auth: machineSshTarget(record).auth, opts: {} }, hooks);
}


import { resolve } from 'node:path';
import { machineNameProblem } from '../../../../shared/machineName';
import type { MachineStatus, QemuCreateRequest } from '../../../../shared/types';
import { BerthError } from '../../errors';
import { chooseImage } from '../../images/imageChoice';
import { readUi } from '../../settings/appSettings';
import type { MachineRecord } from '../../store/machineStore';
import { newMachineConfig } from '../../store/newMachineConfig';
import { newMachineDir } from '../../services/newMachine';
import type { MachineService } from '../../services/machineService';
import { newLoopbackPorts, newMachineKey, saveNewMachine, storeCertsFor } from '../../services/newMachine';
import { engineOptionsOf, type LongActionHooks, provisionRecord } from '../../services/provisioning';
import { machineSshTarget } from '../../ssh/machineSsh';
import { baseDriverFields } from '../recordFields';
import { chooseAccel, kvmRunsGuests } from './accel';
import { QEMU_USER } from './driver';
import { AARCH64_FIRMWARE_HINT, findAarch64Firmware } from './firmware';
import { qemuEnv } from './hostInfo';
import { onPath } from '../../util/onPath';
import { hostQemuArch, qemuBinary } from './qemuCommand';
import { qemuRecord } from './record';

/**
 * `create -d qemu`: the image (downloaded into the store's cache and verified, or a local file), a
 * copy-on-write overlay on it, a generated key given to the guest by cloud-init, loopback forwards
 * for SSH and Docker, then the same provisioning as any host. The record is saved before anything
 * slow, so a failed create stays listed, retryable and removable.
 */
export async function createQemuMachine(machines: MachineService, req: QemuCreateRequest, hooks: LongActionHooks): Promise<MachineStatus> {
  // The name is checked before the image: a bad name is the first thing to hear about.
  const problem = machineNameProblem(req.name);
  if (problem) throw new BerthError('INVALID_NAME', problem);
  const arch = hostQemuArch();
  const image = await chooseImage(req, arch);
  if (req.engine.kind === 'adopt') throw new BerthError('INVALID_PAYLOAD', 'A new VM has no running Engine to adopt: choose distro or docker-ce');
  // An aarch64 guest booting from its disk needs UEFI firmware (x86_64 has SeaBIOS built in).
  const env = await qemuEnv(machines.storePath);
  const firmware = arch === 'aarch64' && !req.kernel ? await findAarch64Firmware(await onPath(qemuBinary(arch), env)) : null;
  if (arch === 'aarch64' && !req.kernel && !firmware) throw new BerthError('NOT_FOUND', AARCH64_FIRMWARE_HINT);
  const dir = await newMachineDir(machines, req.name);

  const log = (text: string): void => hooks.onProgress({ machine: req.name, kind: 'log', text });
  const { accel, warning } = await chooseAccel(process.platform, req.accel ?? process.env.BERTH_QEMU_ACCEL, () => kvmRunsGuests(undefined, env));
  if (warning) log(`${warning}\n`);
  const key = await newMachineKey(dir, req.name);
  const [sshPort, enginePort] = await newLoopbackPorts(machines, 2);
  const base = baseDriverFields({ ip: '127.0.0.1', name: req.name, sshUser: QEMU_USER, sshPort: sshPort!, sshKeyPath: key.path, storePath: machines.storePath });
  const driver = qemuRecord.fresh({
    enginePort: enginePort!,
    accel,
    accelWarning: warning ?? '',
    arch,
    cpus: req.cpus,
    memoryMb: req.memoryMb,
    diskSizeMb: req.diskSizeMb,
    ...image,
    imageId: '',
    firmware: firmware ?? '',
    kernel: req.kernel ? resolve(req.kernel) : '',
    initrd: req.initrd ? resolve(req.initrd) : '',
    append: req.append ?? '',
    dockerBase: '',
    freshEngine: req.fresh === true,
    keepBase: req.engine.kind !== 'keep' && (await readUi(machines.storePath)).keepDockerBases,
  });
  const certs = await storeCertsFor(machines, dir);
  const config = newMachineConfig({ name: req.name, storePath: machines.storePath, certs, driverName: 'qemu', driver: { ...base, ...driver }, engine: engineOptionsOf(req.engineOptions), extraSans: [] });
  const record: MachineRecord = { name: req.name, dir, storePath: machines.storePath, config };
  await saveNewMachine(machines, record, { engineInstall: req.engine });

  // Provisioning a VM that does not run brings it up first: download, disk, boot, then Docker.
  return provisionRecord(machines, { record, auth: machineSshTarget(record).auth, opts: {} }, hooks);
}

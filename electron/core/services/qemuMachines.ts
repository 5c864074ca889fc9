import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import ssh2 from 'ssh2';
import { machineNameProblem } from '../../../shared/machineName';
import type { MachineStatus, QemuCreateRequest } from '../../../shared/types';
import { newGenericConfig } from '../drivers/genericConfig';
import { QEMU_USER } from '../drivers/qemu';
import { BerthError } from '../errors';
import { freeLoopbackPorts } from '../net/freePort';
import { imageUrl } from '../images/imageCache';
import { type Checksum, parseChecksum } from '../images/checksums';
import { chooseAccel, kvmRunsGuests } from '../qemu/accel';
import { AARCH64_FIRMWARE_HINT, findAarch64Firmware } from '../qemu/firmware';
import { onPath, qemuEnv } from '../qemu/hostInfo';
import { hostQemuArch, qemuBinary } from '../qemu/qemuCommand';
import { numberField } from '../store/machineConfig';
import type { MachineRecord } from '../store/machineStore';
import { writeFileAtomic } from '../store/atomicWrite';
import { copyClientCertsToMachine, ensureStoreCerts } from '../tls/certs';
import { updateBerthMachine } from '../store/berthMachineFile';
import { readUi } from '../settings/appSettings';
import { engineOptionsOf, type LongActionHooks, provisionMachine } from './genericMachines';
import { newMachineDir } from './machineDir';
import type { MachineService } from './machineService';

/** The loopback ports the store's VMs forward, running or not. */
async function recordedVmPorts(machines: MachineService): Promise<Set<number>> {
  const ports = new Set<number>();
  for (const entry of await machines.store.list()) {
    if (entry.kind !== 'ok' || entry.machine.config.DriverName !== 'qemu') continue;
    for (const field of ['SSHPort', 'EnginePort']) {
      const port = numberField(entry.machine.config.Driver, field);
      if (port) ports.add(port);
    }
  }
  return ports;
}

function checksumOf(req: QemuCreateRequest): Checksum | undefined {
  if (!req.imageChecksum) return undefined;
  const sum = parseChecksum(req.imageChecksum);
  if (!sum) throw new BerthError('INVALID_PAYLOAD', `"${req.imageChecksum}" is not a checksum: give sha256:HEX (64 digits) or sha512:HEX (128 digits)`);
  return sum;
}

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
  const url = imageUrl(req.image, arch, process.env.BERTH_IMAGE_MIRROR);
  const checksum = checksumOf(req);
  if (!url) {
    await access(resolve(req.image)).catch(() => {
      throw new BerthError('NOT_FOUND', `The VM image ${resolve(req.image)} does not exist or cannot be read`);
    });
  }
  if (req.engine.kind === 'adopt') throw new BerthError('INVALID_PAYLOAD', 'A new VM has no running Engine to adopt: choose distro or docker-ce');
  // An aarch64 guest booting from its disk needs UEFI firmware (x86_64 has SeaBIOS built in).
  const env = await qemuEnv(machines.storePath);
  const firmware = arch === 'aarch64' && !req.kernel ? await findAarch64Firmware(await onPath(qemuBinary(arch), env)) : null;
  if (arch === 'aarch64' && !req.kernel && !firmware) throw new BerthError('NOT_FOUND', AARCH64_FIRMWARE_HINT);
  const dir = await newMachineDir(machines, req.name);

  const log = (text: string): void => hooks.onProgress({ machine: req.name, kind: 'log', text });
  const { accel, warning } = await chooseAccel(process.platform, req.accel ?? process.env.BERTH_QEMU_ACCEL, () => kvmRunsGuests(undefined, env));
  if (warning) log(`${warning}\n`);
  const keyPath = join(dir, 'id_ed25519');
  const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment: `berth-${req.name}` });
  await writeFileAtomic(keyPath, pair.private, 0o600);
  await writeFileAtomic(`${keyPath}.pub`, `${pair.public}\n`, 0o644);

  const [sshPort, enginePort] = await freeLoopbackPorts(2, await recordedVmPorts(machines));
  const { paths } = await ensureStoreCerts(machines.storePath, machines.certFiles);
  await copyClientCertsToMachine(paths, dir);
  const config = newGenericConfig({
    name: req.name,
    storePath: machines.storePath,
    certs: paths,
    ip: '127.0.0.1',
    sshUser: QEMU_USER,
    sshPort: sshPort!,
    sshKeyPath: keyPath,
    originalKey: '',
    enginePort: enginePort!,
    engine: engineOptionsOf(req.engineOptions),
    extraSans: [],
  });
  config.DriverName = 'qemu';
  Object.assign(config.Driver, {
    Accel: accel,
    AccelWarning: warning ?? '',
    Arch: arch,
    CPU: req.cpus,
    Memory: req.memoryMb,
    DiskSize: req.diskSizeMb,
    // The file the overlay is made on; a download fills it in once verified.
    Image: url ? '' : resolve(req.image),
    ImageSource: url ?? resolve(req.image),
    ImageChecksum: checksum ? `${checksum.algorithm}:${checksum.hex}` : '',
    Firmware: firmware ?? '',
    Kernel: req.kernel ? resolve(req.kernel) : '',
    Initrd: req.initrd ? resolve(req.initrd) : '',
    Append: req.append ?? '',
    // The Docker-ready base the disk is made on ('' none; chosen with the disk) and whether none was wanted.
    DockerBase: '',
    FreshEngine: req.fresh === true,
    // Until the first provisioning succeeded: then a VM that installed Docker itself keeps its disk as a base.
    KeepBase: req.engine.kind !== 'keep' && (await readUi(machines.storePath)).keepDockerBases,
  });
  const record: MachineRecord = { name: req.name, dir, storePath: machines.storePath, config };
  await updateBerthMachine(record, { engineInstall: req.engine });
  await machines.store.save(record);

  // Provisioning a VM that does not run brings it up first: download, disk, boot, then Docker.
  return provisionMachine(machines, req.name, {}, hooks);
}

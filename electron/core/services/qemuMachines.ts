import { execFile } from 'node:child_process';
import { access, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import ssh2 from 'ssh2';
import { machineNameProblem } from '../../../shared/machineName';
import type { MachineStatus, QemuCreateRequest } from '../../../shared/types';
import { newGenericConfig } from '../drivers/genericConfig';
import { bootVm, QEMU_USER, vmFiles } from '../drivers/qemu';
import { BerthError } from '../errors';
import { freeLoopbackPort } from '../net/freePort';
import { stepper } from '../provision/steps';
import { chooseAccel } from '../qemu/accel';
import type { MachineRecord } from '../store/machineStore';
import { writeFileAtomic } from '../store/atomicWrite';
import { copyClientCertsToMachine, ensureStoreCerts } from '../tls/certs';
import { engineOptionsOf, type LongActionHooks, runProvisioning } from './genericMachines';
import type { MachineService } from './machineService';

function qemuImg(args: string[]): Promise<void> {
  return new Promise((ok, fail) =>
    execFile('qemu-img', args, { timeout: 120_000 }, (err, _out, stderr) =>
      err ? fail(new Error(`qemu-img ${args[0]} failed: ${String(stderr).trim() || err.message}`)) : ok(),
    ),
  );
}

/**
 * `create -d qemu`: a copy-on-write overlay on the image, a generated key given to the guest by
 * cloud-init, loopback forwards for SSH and Docker, then the same provisioning as any host. The
 * record is saved before the VM boots, so a failed create stays listed, retryable and removable.
 */
export async function createQemuMachine(machines: MachineService, req: QemuCreateRequest, hooks: LongActionHooks): Promise<MachineStatus> {
  const problem = machineNameProblem(req.name);
  if (problem) throw new BerthError('INVALID_NAME', problem);
  const image = resolve(req.image);
  await access(image).catch(() => {
    throw new BerthError('NOT_FOUND', `The VM image ${image} does not exist or cannot be read`);
  });
  const dir = machines.store.machineDir(req.name);
  if (await stat(dir).then(() => true, () => false)) throw new BerthError('INVALID_NAME', `Machine "${req.name}" already exists`);
  await mkdir(dir, { recursive: true, mode: 0o700 });

  const step = stepper(req.name, ['Prepare the disk', 'Boot', 'Wait for SSH'], hooks.onProgress, hooks.signal);
  const log = (text: string): void => hooks.onProgress({ machine: req.name, kind: 'log', text });
  const { accel, warning } = await chooseAccel(process.platform, req.accel ?? process.env.BERTH_QEMU_ACCEL);
  if (warning) log(`${warning}\n`);
  const keyPath = join(dir, 'id_ed25519');
  const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment: `berth-${req.name}` });
  await writeFileAtomic(keyPath, pair.private, 0o600);
  await writeFile(`${keyPath}.pub`, `${pair.public}\n`, { mode: 0o644 });

  const { paths } = await ensureStoreCerts(machines.storePath);
  await copyClientCertsToMachine(paths, dir);
  const config = newGenericConfig({
    name: req.name,
    storePath: machines.storePath,
    ip: '127.0.0.1',
    sshUser: QEMU_USER,
    sshPort: await freeLoopbackPort(),
    sshKeyPath: keyPath,
    originalKey: '',
    enginePort: await freeLoopbackPort(),
    engine: engineOptionsOf(req.engineOptions),
    extraSans: [],
    engineInstall: req.engine,
  });
  config.DriverName = 'qemu';
  Object.assign(config.Driver, {
    Accel: accel,
    AccelWarning: warning ?? '',
    Arch: 'x86_64',
    CPU: req.cpus,
    Memory: req.memoryMb,
    DiskSize: req.diskSizeMb,
    Image: image,
    Kernel: req.kernel ? resolve(req.kernel) : '',
    Initrd: req.initrd ? resolve(req.initrd) : '',
    Append: req.append ?? '',
    BerthSetHostname: true,
  });
  const record: MachineRecord = { name: req.name, dir, storePath: machines.storePath, config };
  await machines.store.save(record);

  await step('Prepare the disk', async () => {
    const disk = vmFiles(dir).disk;
    await rm(disk, { force: true });
    await qemuImg(['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', image, disk]);
    await qemuImg(['resize', '-q', disk, `${req.diskSizeMb}M`]).catch((err: Error) => {
      // An overlay cannot shrink below its image: the image's own size is kept then.
      log(`${err.message}: keeping the image's size\n`);
    });
  });
  await bootVm(record, { onProgress: hooks.onProgress, signal: hooks.signal }, pair.public, step);
  return runProvisioning(machines, record, { privateKeyPath: keyPath }, {}, hooks);
}

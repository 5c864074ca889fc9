import { rm, writeFile } from 'node:fs/promises';
import { waitForDocker } from '../../docker/waitForDocker';
import { BerthError } from '../../errors';
import { type Step, stepper } from '../../provision/steps';
import { connectMachine } from '../../ssh/machineSsh';
import type { MachineRecord } from '../../store/machineStore';
import { clientTlsFiles } from '../../store/machineTls';
import { pathExists } from '../../util/pathExists';
import { actionLog, type Driver, type DriverState, type LifecycleContext } from '../driver';
import { DEFAULT_ENGINE_PORT, dockerUrl, publicKeyOf, recordedIp, recordedSshPort } from '../recordFields';
import { waitForVmSsh } from '../vmSsh';
import { createVmCommands, vbox } from './commands';
import { ipFromIpAddr, parseMachineReadable, stateOfVm, vmNotFound } from './parse';
import { berthMade, describeVirtualbox, VIRTUALBOX_DRIVER, virtualboxFields, virtualboxRecord, vmName } from './record';
import { checkVboxVersion, lastError, vboxFiles, vboxManage, vboxManageRaw } from './vboxManage';
import { setTimeout as sleep } from 'node:timers/promises';

/** The login user of a VM Berth makes (cloud-init creates it), as for QEMU VMs; boot2docker's is docker too. */
export const VBOX_USER = 'docker';
const BOOT_TIMEOUT_MS = 300_000;
const POWERDOWN_TIMEOUT_MS = 60_000;


/** The VM's state as VBoxManage reports it; a missing VBoxManage or VM is an Error row that says so. */
async function vmState(record: MachineRecord, timeoutMs = 30_000): Promise<DriverState & { vmState?: string; unknownVm?: true }> {
  const vm = vmName(record);
  let r;
  try {
    r = await vboxManageRaw(vbox.showVmInfo(vm), Math.max(timeoutMs, 5000));
  } catch (err) {
    return { state: 'Error', error: (err as Error).message, detail: null };
  }
  if (r.code !== 0) {
    if (vmNotFound(r.stderr)) return { state: 'Error', error: `VirtualBox has no VM named "${vm}" (removed outside Berth?): remove this machine, or register the VM in VirtualBox again`, detail: null, unknownVm: true };
    return { state: 'Error', error: `VBoxManage showvminfo failed: ${lastError(r.stderr)}`, detail: null };
  }
  const vmState = parseMachineReadable(r.stdout).get('VMState');
  return { ...stateOfVm(vmState), detail: `VirtualBox VM ${vm}: ${vmState ?? 'no state'}`, vmState };
}

async function waitUntilOff(record: MachineRecord, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const s = await vmState(record);
    if (s.state !== 'Running' && s.state !== 'Stopping') return true;
    await sleep(1000);
  }
  return false;
}

/** Step "Wait for SSH"; a VM Berth made also waits for cloud-init (user, key, name), boot2docker has none. */
function waitForSsh(record: MachineRecord, ctx: LifecycleContext): Promise<void> {
  return waitForVmSsh(record, ctx, {
    gone: async () => {
      const s = await vmState(record);
      return s.state === 'Stopped' || s.state === 'Error' ? `the VM stopped (${s.error ?? s.detail})` : null;
    },
    cloudInit: berthMade(record),
    consoleLog: vboxFiles(record.dir).consoleLog,
    timeoutMs: BOOT_TIMEOUT_MS,
  });
}

/** A boot2docker VM's host-only address after a boot (DHCP may hand out another one), as docker-machine reads it. */
async function refreshHostOnlyIp(record: MachineRecord, ctx: LifecycleContext): Promise<void> {
  const ssh = await connectMachine(record);
  try {
    const r = await ssh.exec('ip addr show dev eth1', { timeoutMs: 20_000 });
    const ip = ipFromIpAddr(r.stdout);
    if (!ip) throw new Error(`no IPv4 address on eth1 (the host-only network): ${r.stderr.trim() || r.stdout.trim()}`);
    const before = recordedIp(record);
    if (ip !== before) {
      record.config.Driver.IPAddress = ip;
      actionLog(record, ctx)(`The machine's address changed from ${before ?? 'none'} to ${ip}: run env again, and regenerate its certificates if Docker refuses them\n`);
    }
  } finally {
    ssh.close();
  }
}

async function boot(record: MachineRecord): Promise<void | 'skipped'> {
  const s = await vmState(record);
  if (s.state === 'Running') return 'skipped';
  if (s.state === 'Error') throw new BerthError('DRIVER_FAILED', s.error ?? 'VirtualBox cannot start this VM');
  await vboxManage(vbox.start(vmName(record), virtualboxFields(record).uiType), 120_000);
}

async function start(record: MachineRecord, ctx: LifecycleContext): Promise<void> {
  const step = stepper(record.name, ['Boot', 'Wait for SSH', 'Wait for Docker over TLS'], ctx.onProgress, ctx.signal);
  await step('Boot', () => boot(record));
  await step('Wait for SSH', async () => {
    await waitForSsh(record, ctx);
    if (!berthMade(record)) await refreshHostOnlyIp(record, ctx);
  });
  await step('Wait for Docker over TLS', async () => {
    await waitForDocker(virtualboxDriver.url(record)!, clientTlsFiles(record), { timeoutMs: BOOT_TIMEOUT_MS, signal: ctx.signal, log: actionLog(record, ctx) });
  });
}

async function kill(record: MachineRecord): Promise<void> {
  const s = await vmState(record);
  if (s.state === 'Stopped') return;
  await vboxManage(vbox.powerOff(vmName(record)));
}

/** ACPI power button (docker-machine's Stop); a guest that does not shut down in time is powered off. */
async function stop(record: MachineRecord, ctx: LifecycleContext): Promise<void> {
  const step = stepper(record.name, ['Power down', 'Wait for the VM to stop'], ctx.onProgress, ctx.signal);
  if ((await vmState(record)).state === 'Stopped') return;
  await step('Power down', () => vboxManage(vbox.acpiPowerButton(vmName(record))));
  await step('Wait for the VM to stop', async () => {
    if (await waitUntilOff(record, POWERDOWN_TIMEOUT_MS)) return;
    actionLog(record, ctx)(`No shutdown within ${POWERDOWN_TIMEOUT_MS / 1000} s: powering it off\n`);
    await vboxManage(vbox.powerOff(vmName(record)));
  });
}

/** The VM and its disks go with the machine; a VM VirtualBox no longer knows is taken as gone (as docker-machine does). */
async function beforeRemove(record: MachineRecord): Promise<void> {
  const s = await vmState(record);
  if (s.unknownVm) return;
  if (s.state === 'Error' && !s.vmState) throw new BerthError('DRIVER_FAILED', s.error ?? 'VirtualBox does not answer');
  if (s.state !== 'Stopped') await vboxManage(vbox.powerOff(vmName(record))).catch(() => undefined);
  await waitUntilOff(record, 30_000);
  await vboxManage(vbox.unregisterDelete(vmName(record)), 120_000);
}

/** Step "Prepare the disk": the image copied into the machine's VDI and grown to the chosen size. */
async function prepareDisk(record: MachineRecord, ctx: LifecycleContext): Promise<void | 'skipped'> {
  const { disk } = vboxFiles(record.dir);
  if (await pathExists(disk)) return 'skipped';
  const f = virtualboxFields(record);
  try {
    await vboxManage(vbox.cloneToVdi(f.image, disk), 600_000);
  } catch (err) {
    // A half-written copy would be taken for a whole one by a Retry.
    await rm(disk, { force: true });
    throw err;
  }
  await vboxManage(vbox.resizeDisk(disk, f.diskSizeMb)).catch((err: Error) => actionLog(record, ctx)(`${err.message}: keeping the image's size\n`));
}

/** Step "Register the VM": the seed CD written, the VM made around disk and seed; a half-made VM is unregistered again. */
async function registerVm(record: MachineRecord): Promise<void | 'skipped'> {
  const vm = vmName(record);
  const known = await vboxManageRaw(vbox.showVmInfo(vm));
  if (known.code === 0) return 'skipped';
  const files = vboxFiles(record.dir);
  const [{ seedFiles }, { seedIso }] = await Promise.all([import('../../cloudInit/seed'), import('../../cloudInit/seedIso')]);
  await writeFile(files.seedIso, seedIso(seedFiles(record.name, VBOX_USER, await publicKeyOf(record))));
  const f = virtualboxFields(record);
  const [create, ...rest] = createVmCommands({
    name: vm,
    dir: record.dir,
    cpus: f.cpus,
    memoryMb: f.memoryMb,
    disk: files.disk,
    seedIso: files.seedIso,
    sshPort: recordedSshPort(record),
    enginePort: f.enginePort,
    consoleLog: files.consoleLog,
    hostOnlyInterface: f.hostOnlyInterface,
  });
  await vboxManage(create!);
  try {
    for (const args of rest) await vboxManage(args);
  } catch (err) {
    // Keep the disk (a Retry reuses it): unregister without --delete.
    await vboxManageRaw(['unregistervm', vm]);
    throw err;
  }
}

export const VBOX_CREATE_STEPS = ['Download the image', 'Prepare the disk', 'Register the VM', 'Boot', 'Wait for SSH'] as const;

const BOOT2DOCKER_NOT_PROVISIONED =
  'Berth does not provision boot2docker VMs (docker-machine made this one from its own image, whose Docker keeps the certificates docker-machine installed); use docker-machine for that';

/** VirtualBox VMs: docker-machine's boot2docker machines, and VMs Berth makes from a cloud image. */
export const virtualboxDriver: Driver = {
  name: VIRTUALBOX_DRIVER,
  capabilities: { start: null, stop: null, restart: null, kill: null, provision: null, regenerateCerts: null, upgrade: null, ssh: null },
  recordCapabilities: (record) => (berthMade(record) ? {} : { provision: BOOT2DOCKER_NOT_PROVISIONED, regenerateCerts: BOOT2DOCKER_NOT_PROVISIONED, upgrade: BOOT2DOCKER_NOT_PROVISIONED }),
  ip: (record) => (berthMade(record) ? '127.0.0.1' : recordedIp(record)),
  url: (record) => (berthMade(record) ? dockerUrl('127.0.0.1', virtualboxFields(record).enginePort) : dockerUrl(recordedIp(record), DEFAULT_ENGINE_PORT)),
  state: (record, timeoutMs) => vmState(record, timeoutMs),
  start,
  stop,
  kill: (record) => kill(record),
  async restart(record, ctx) {
    await stop(record, ctx);
    await start(record, ctx);
  },
  bringUp: {
    steps: VBOX_CREATE_STEPS,
    async needed(record) {
      return berthMade(record) && (await vmState(record)).state !== 'Running';
    },
    async run(record, ctx, step: Step) {
      await checkVboxVersion();
      const { downloadImageStep } = await import('../../images/imageChoice');
      await step('Download the image', () => downloadImageStep(record, virtualboxFields(record), ctx, (image) => virtualboxRecord.write(record, { image })));
      await step('Prepare the disk', () => prepareDisk(record, ctx));
      await step('Register the VM', () => registerVm(record));
      await step('Boot', () => boot(record));
      await step('Wait for SSH', () => waitForSsh(record, ctx));
    },
  },
  removal: 'The VirtualBox VM is powered off and deleted with its disks (VBoxManage unregistervm --delete).',
  beforeRemove,
  describe: describeVirtualbox,
  consoleLog: (record) => vboxFiles(record.dir).consoleLog,
  cacheFiles: (record) => [virtualboxFields(record).image].filter(Boolean),
  loopbackPorts: (record) => [recordedSshPort(record), virtualboxFields(record).enginePort].filter((p) => p > 0),
};

import { execFile } from 'node:child_process';
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { waitForDocker } from '../../docker/waitForDocker';
import { BerthError } from '../../errors';
import { type Step, stepper } from '../../provision/steps';
import type { QemuSpec } from './qemuCommand';
import { qemuArgs, qemuBinary } from './qemuCommand';
import { qmp, stateFromQmp } from './qmp';
import type { MachineRecord } from '../../store/machineStore';
import { clientTlsFiles } from '../../store/machineTls';
import { pathExists } from '../../util/pathExists';
import { processAlive } from '../../util/processAlive';
import { actionLog, type Driver, type LifecycleContext } from '../driver';
import { dockerUrl, publicKeyOf, recordedSshPort } from '../recordFields';
import { describeQemu, qemuFields, qemuRecord } from './record';
import { waitForVmSsh } from '../vmSsh';
import { setTimeout as sleep } from 'node:timers/promises';

export const QEMU_USER = 'docker';
export const KEEP_BASE_STEP = 'Keep a Docker-ready base';
const BOOT_TIMEOUT_MS = 300_000;
const POWERDOWN_TIMEOUT_MS = 60_000;

/** The VM's files in its machine directory (short names: a unix socket path must fit in 108 bytes). */
export function vmFiles(dir: string): { disk: string; qmpSocket: string; pidFile: string; consoleLog: string } {
  return { disk: join(dir, 'disk.qcow2'), qmpSocket: join(dir, 'qmp.sock'), pidFile: join(dir, 'qemu.pid'), consoleLog: join(dir, 'console.log') };
}

/** The VM's command line from its record (what create chose), with this boot's seed URL. */
export function specOf(record: MachineRecord, seedUrl: string): QemuSpec {
  const f = qemuFields(record);
  return {
    name: record.name,
    arch: f.arch,
    accel: f.accel,
    cpus: f.cpus,
    memoryMb: f.memoryMb,
    ...(f.firmware ? { firmware: f.firmware } : {}),
    ...(f.kernel ? { kernel: f.kernel } : {}),
    ...(f.initrd ? { initrd: f.initrd } : {}),
    ...(f.append ? { append: f.append } : {}),
    sshPort: recordedSshPort(record),
    enginePort: f.enginePort,
    seedUrl,
    ...vmFiles(record.dir),
  };
}

/** The QEMU process of a machine, if it runs (from its pidfile, so Berth knows after a restart of its own). */
export async function vmPid(record: MachineRecord): Promise<number | null> {
  const pid = Number((await readFile(vmFiles(record.dir).pidFile, 'utf8').catch(() => '')).trim());
  return processAlive(pid) ? pid : null;
}

async function waitForExit(record: MachineRecord, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await vmPid(record)) === null) return true;
    await sleep(500);
  }
  return false;
}

/** Runs one of QEMU's tools (found on PATH, or in the folder set in settings). */
async function run(record: MachineRecord, cmd: string, args: string[], timeoutMs = 30_000): Promise<void> {
  // Loaded here, like the image cache and the seed server below: only bringing a VM up needs them,
  // and `berth env` on a VM's record should not load http, hashing and QEMU's host probe.
  const { qemuEnv } = await import('./hostInfo');
  const env = await qemuEnv(record.storePath);
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { timeout: timeoutMs, env }, (err, _out, stderr) =>
      err ? reject(new Error(`${cmd} ${args[0]} failed: ${String(stderr).trim() || err.message}`)) : resolve(),
    ),
  );
}

/** Boots the VM (serving its cloud-init seed meanwhile) and waits until its SSH accepts the machine's key: the steps "Boot" and "Wait for SSH". */
async function bootVm(record: MachineRecord, ctx: LifecycleContext, publicKey: string, step: Step): Promise<void> {
  if (await vmPid(record)) throw new BerthError('UNSUPPORTED', `Machine "${record.name}" is already running`);
  const [{ seedFiles }, { serveSeed }] = await Promise.all([import('../../cloudInit/seed'), import('./seedServer')]);
  const seed = await serveSeed(seedFiles(record.name, QEMU_USER, publicKey));
  try {
    await step('Boot', async () => {
      const spec = specOf(record, seed.guestUrl);
      await rm(spec.qmpSocket, { force: true });
      await run(record, qemuBinary(spec.arch), qemuArgs(spec));
      actionLog(record, ctx)(`QEMU started (${spec.accel}, ${spec.cpus} CPUs, ${spec.memoryMb} MB); serial console in ${spec.consoleLog}\n`);
    });
    await step('Wait for SSH', () =>
      waitForVmSsh(record, ctx, {
        gone: async () => ((await vmPid(record)) === null ? 'QEMU exited' : null),
        // On a Docker-ready base provisioning installs nothing, so cloud-init's later stages may run
        // alongside it; the key and name it needs are in place before sshd starts.
        cloudInit: !qemuFields(record).dockerBase,
        consoleLog: vmFiles(record.dir).consoleLog,
        timeoutMs: BOOT_TIMEOUT_MS,
      }),
    );
  } finally {
    seed.close();
  }
}

/** The machine's own copy-on-write overlay on the image (or a Docker-ready base), grown to the chosen size. */
async function prepareDisk(record: MachineRecord, ctx: LifecycleContext): Promise<void | 'skipped'> {
  const { disk } = vmFiles(record.dir);
  if (await pathExists(disk)) return 'skipped';
  // Made under another name first: a disk that exists is a whole one.
  const part = `${disk}.new`;
  await run(record, 'qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', await (await import('./baseSteps')).chooseBacking(record, actionLog(record, ctx)), part], 120_000);
  await run(record, 'qemu-img', ['resize', '-q', part, `${qemuFields(record).diskSizeMb}M`], 120_000).catch((err: Error) => {
    // An overlay cannot shrink below its image: the image's own size is kept then.
    actionLog(record, ctx)(`${err.message}: keeping the image's size\n`);
  });
  await rename(part, disk);
}

/** A VM create's steps before provisioning; each is skipped when already done, so a Retry resumes. */
export const VM_CREATE_STEPS = ['Download the image', 'Prepare the disk', 'Boot', 'Wait for SSH'] as const;

async function start(record: MachineRecord, ctx: LifecycleContext): Promise<void> {
  const step = stepper(record.name, ['Boot', 'Wait for SSH', 'Wait for Docker over TLS'], ctx.onProgress, ctx.signal);
  await bootVm(record, ctx, await publicKeyOf(record), step);
  await step('Wait for Docker over TLS', async () => {
    await waitForDocker(dockerUrl('127.0.0.1', qemuFields(record).enginePort)!, clientTlsFiles(record), { timeoutMs: BOOT_TIMEOUT_MS, signal: ctx.signal, log: actionLog(record, ctx) });
  });
}

async function kill(record: MachineRecord): Promise<void> {
  const pid = await vmPid(record);
  if (pid === null) return;
  process.kill(pid, 'SIGKILL');
  await waitForExit(record, 10_000);
}

/** ACPI power button through QMP; a guest that does not shut down in time is stopped hard. */
async function stop(record: MachineRecord, ctx: LifecycleContext): Promise<void> {
  const step = stepper(record.name, ['Power down', 'Wait for the VM to stop'], ctx.onProgress, ctx.signal);
  if ((await vmPid(record)) === null) return;
  await step('Power down', () => qmp(vmFiles(record.dir).qmpSocket, 'system_powerdown'));
  await step('Wait for the VM to stop', async () => {
    if (await waitForExit(record, POWERDOWN_TIMEOUT_MS)) return;
    actionLog(record, ctx)(`No shutdown within ${POWERDOWN_TIMEOUT_MS / 1000} s: stopping it hard\n`);
    await kill(record);
  });
}

/** Local VMs under QEMU: Berth starts, stops and deletes them. */
export const qemuDriver: Driver = {
  name: 'qemu',
  capabilities: { start: null, stop: null, restart: null, kill: null, provision: null, regenerateCerts: null, upgrade: null, ssh: null },
  ip: () => '127.0.0.1',
  url: (record) => dockerUrl('127.0.0.1', qemuFields(record).enginePort),
  async state(record, timeoutMs) {
    const pid = await vmPid(record);
    if (pid === null) return { state: 'Stopped', error: null, detail: 'no QEMU process' };
    try {
      const { status } = await qmp<{ status: string }>(vmFiles(record.dir).qmpSocket, 'query-status', timeoutMs);
      return { state: stateFromQmp(status), error: null, detail: `QEMU pid ${pid}: ${status}` };
    } catch (err) {
      return { state: 'Error', error: `QEMU pid ${pid} runs but its monitor does not answer: ${(err as Error).message}`, detail: null };
    }
  },
  start,
  stop,
  kill: (record) => kill(record),
  async restart(record, ctx) {
    await stop(record, ctx);
    await start(record, ctx);
  },
  bringUp: {
    steps: VM_CREATE_STEPS,
    async needed(record) {
      return (await vmPid(record)) === null;
    },
    async run(record, ctx, step) {
      // Loaded here: only bringing a VM up needs http and hashing, not `berth env` on a VM's record.
      const { downloadImageStep } = await import('../../images/imageChoice');
      await step('Download the image', () => downloadImageStep(record, qemuFields(record), ctx, (image) => qemuRecord.write(record, { image })));
      await step('Prepare the disk', () => prepareDisk(record, ctx));
      await bootVm(record, ctx, await publicKeyOf(record), step);
    },
  },
  afterFirstProvision: {
    steps: [KEEP_BASE_STEP],
    pending: (record) => qemuFields(record).keepBase,
    async run(record, ctx, step, dockerVersion) {
      const { keepBaseAfterCreate } = await import('./baseSteps');
      await step(KEEP_BASE_STEP, () => keepBaseAfterCreate(record, actionLog(record, ctx), dockerVersion));
      qemuRecord.write(record, { keepBase: false });
    },
  },
  engineFromDisk(record) {
    const base = qemuFields(record).dockerBase;
    return base ? `the Docker-ready base ${base}` : null;
  },
  removal: "The VM is stopped and its disk deleted (the image and any Docker-ready base stay in the store's cache).",
  beforeRemove: kill,
  describe: describeQemu,
  consoleLog: (record) => vmFiles(record.dir).consoleLog,
  cacheFiles: (record) => [qemuFields(record).image, qemuFields(record).dockerBase].filter(Boolean),
  loopbackPorts: (record) => [recordedSshPort(record), qemuFields(record).enginePort],
};

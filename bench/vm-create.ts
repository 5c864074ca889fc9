/**
 * Local VMs from the wizard's path (`create -d qemu`) with the test image, twice in one run: the
 * first installs Docker and keeps a Docker-ready base; the second (a new VM, same image and engine
 * choice) starts on that base. Each prints its seconds from Create to Docker answering, by step,
 * and the second's ratio to the first (goal ≤ 0.35 under TCG). The first VM is removed before the
 * second starts, so both have the machine to themselves. The image is downloaded from a local
 * mirror on loopback (`-- --local`: a bare local file), so the download step measures Berth's
 * fetch + hash + write, not a network.
 * TCG by default here (BERTH_QEMU_ACCEL overrides): KVM exists on these machines but fails nested.
 * Needs Linux, root and the cached VM image (`npm run hosts -- prepare`). Run: npm run bench:vm-create
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveImageWithSums } from '../e2e/hosts/imageServer';
import { ensureVmImage, vmCreateRequest } from '../e2e/hosts/vmImage';
import type { ProgressEvent } from '../shared/types';
import { KEEP_BASE_STEP } from '../electron/core/drivers/qemu/driver';
import { removeMachine } from '../electron/core/services/removal';
import { MachineService } from '../electron/core/services/machineService';
import { createQemuMachine } from '../electron/core/drivers/qemu/create';
import { connectMachine } from '../electron/core/ssh/machineSsh';

interface Run {
  /** Create to Docker answering (the base kept afterwards is apart). */
  toDocker: number;
  /** The whole create task, the first one's base included. */
  total: number;
  steps: [string, number, string][];
}

async function main(): Promise<void> {
  const image = await ensureVmImage((line) => console.log(line));
  const store = await mkdtemp(join(tmpdir(), 'bvm-'));
  const machines = new MachineService(store, {});
  const mirror = process.argv.includes('--local') ? null : await serveImageWithSums('/bench/disk.qcow2', image.disk);
  const accel = (process.env.BERTH_QEMU_ACCEL as 'kvm' | 'tcg' | undefined) ?? 'tcg';
  const create = async (name: string): Promise<Run> => {
    const steps: [string, number, string][] = [];
    let toDocker = 0;
    const started = Date.now();
    const onProgress = (e: ProgressEvent): void => {
      if (e.kind !== 'step' || e.state === 'running') return;
      steps.push([e.step, e.elapsedMs, e.state]);
      if (e.step === 'Wait for Docker over TLS') toDocker = Date.now() - started;
    };
    const status = await createQemuMachine(machines, { ...vmCreateRequest(image, name), ...(mirror ? { image: mirror.url('/bench/disk.qcow2') } : {}), accel }, { onProgress });
    const total = Date.now() - started;
    console.log(`\n${name}: create to Docker answering (${status.dockerVersion}): ${(toDocker / 1000).toFixed(1)} s; the whole task ${(total / 1000).toFixed(1)} s`);
    for (const [step, ms, state] of steps) console.log(`  ${step.padEnd(26)} ${(ms / 1000).toFixed(1).padStart(6)} s${state === 'skipped' ? '  (skipped)' : ''}${step === KEEP_BASE_STEP ? '  (after Docker answers)' : ''}`);
    // Where the guest's boot went (the part of "Wait for SSH" inside the VM).
    const ssh = await connectMachine(await machines.record(name));
    const boot = await ssh.exec('systemd-analyze; systemd-analyze blame --no-pager | head -n 6');
    ssh.close();
    console.log(`  guest boot: ${boot.stdout.trim().split('\n').join('\n    ')}`);
    return { toDocker, total, steps };
  };
  try {
    const first = await create('bench1');
    if (!first.steps.some(([step, , state]) => step === KEEP_BASE_STEP && state === 'done')) throw new Error('the first create kept no Docker-ready base');
    await removeMachine(machines, 'bench1');
    const second = await create('bench2');
    const ratio = second.toDocker / first.toDocker;
    console.log(`\nsecond create on the Docker-ready base, to Docker answering: ${(second.toDocker / 1000).toFixed(1)} s vs first ${(first.toDocker / 1000).toFixed(1)} s = ${ratio.toFixed(2)}× (goal ≤ 0.35×: ${ratio <= 0.35 ? 'met' : 'NOT met'})`);
    console.log(`whole create tasks (the first keeps the base): ${(second.total / 1000).toFixed(1)} s vs ${(first.total / 1000).toFixed(1)} s = ${(second.total / first.total).toFixed(2)}×`);
  } finally {
    await removeMachine(machines, 'bench1').catch(() => undefined);
    await removeMachine(machines, 'bench2').catch(() => undefined);
    await mirror?.close();
    await rm(store, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});

/**
 * A local VM from the wizard's path (`create -d qemu`) with the test image: seconds from Create to
 * Docker answering, by step (image download and verification, disk overlay, boot, SSH with
 * cloud-init done, each provisioning step). The image is downloaded from a local mirror on loopback
 * (the test image with a SHA512SUMS; a bare local file with `-- --local`), so the download step
 * measures Berth's fetch + hash + write, not a network.
 * TCG by default here (BERTH_QEMU_ACCEL overrides): KVM exists on these machines but fails nested.
 * Needs Linux, root and the cached VM image (`npm run hosts -- prepare`). Run: npm run bench:vm-create
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveImageWithSums } from '../e2e/hosts/imageServer';
import { ensureVmImage, vmCreateRequest } from '../e2e/hosts/vmImage';
import { removeMachine } from '../electron/core/services/genericMachines';
import { MachineService } from '../electron/core/services/machineService';
import { createQemuMachine } from '../electron/core/services/qemuMachines';

async function main(): Promise<void> {
  const image = await ensureVmImage((line) => console.log(line));
  const store = await mkdtemp(join(tmpdir(), 'bvm-'));
  const machines = new MachineService(store, {});
  const steps: [string, number][] = [];
  const mirror = process.argv.includes('--local') ? null : await serveImageWithSums('/bench/disk.qcow2', image.disk);
  const started = Date.now();
  try {
    const status = await createQemuMachine(
      machines,
      { ...vmCreateRequest(image, 'bench'), ...(mirror ? { image: mirror.url('/bench/disk.qcow2') } : {}), accel: (process.env.BERTH_QEMU_ACCEL as 'kvm' | 'tcg' | undefined) ?? 'tcg' },
      { onProgress: (e) => e.kind === 'step' && (e.state === 'done' || e.state === 'skipped') && steps.push([e.step, e.elapsedMs]) },
    );
    const total = Date.now() - started;
    console.log(`VM create to Docker answering (${status.dockerVersion}): ${(total / 1000).toFixed(1)} s`);
    for (const [step, ms] of steps) console.log(`  ${step.padEnd(26)} ${(ms / 1000).toFixed(1)} s`);
  } finally {
    await removeMachine(machines, 'bench').catch(() => undefined);
    await mirror?.close();
    await rm(store, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testHosts } from '../../../e2e/hosts/testing';
import { ensureVmImage, vmCreateRequest, type VmImage } from '../../../e2e/hosts/vmImage';
import type { ProgressEvent } from '../../../shared/types';
import { vmPid } from '../drivers/qemu';
import { removeMachine } from './genericMachines';
import { powerAction } from './lifecycle';
import { MachineService } from './machineService';
import { createQemuMachine } from './qemuMachines';

const ctx = testHosts();

describe.skipIf(!ctx)('QEMU driver under TCG with the local test image', () => {
  let image: VmImage;
  let store: string;
  let machines: MachineService;
  const started = Date.now();
  const events: ProgressEvent[] = [];
  const hooks = {
    onProgress: (e: ProgressEvent) => {
      events.push(e);
      if (e.kind === 'step' && e.state !== 'running') console.log(`[qemu ${((Date.now() - started) / 1000).toFixed(1)} s] ${e.step}: ${e.state}${e.detail ? ` (${e.detail})` : ''}`);
    },
  };

  beforeAll(async () => {
    image = await ensureVmImage();
    // A short path: the VM's QMP socket lives in its machine directory (unix socket paths are short).
    store = await mkdtemp(join(tmpdir(), 'bq-'));
    machines = new MachineService(store, {});
  });
  afterAll(async () => {
    // Never leave a VM behind, whatever failed.
    await removeMachine(machines, 'vm1').catch(() => undefined);
    await rm(store, { recursive: true, force: true });
  });

  it('creates a VM: overlay, cloud-init key, boot, Docker installed over the VM\'s NAT, TLS on the forwarded port', async () => {
    const status = await createQemuMachine(
      machines,
      vmCreateRequest(image, 'vm1'),
      hooks,
    );
    expect(status).toMatchObject({ state: 'Running', error: null });
    expect(status.url).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(status.dockerVersion).toMatch(/^v20\.10\./);
    const record = await machines.record('vm1');
    expect(record.config.DriverName).toBe('qemu');
    expect(record.config.Driver).toMatchObject({ Accel: 'tcg', IPAddress: '127.0.0.1', SSHUser: 'docker', CPU: 2, Memory: 1024 });
    expect(existsSync(join(record.dir, 'disk.qcow2'))).toBe(true);
    expect((await machines.listing()).machines.find((m) => m.name === 'vm1')).toMatchObject({ driverName: 'qemu', ip: '127.0.0.1', provisionError: null });
  }, 600_000);

  it('stops (ACPI through QMP), starts again with Docker answering, and kills', async () => {
    let status = await powerAction(machines, 'vm1', 'stop', hooks);
    expect(status.state).toBe('Stopped');
    expect(await vmPid(await machines.record('vm1'))).toBeNull();
    status = await powerAction(machines, 'vm1', 'start', hooks);
    expect(status).toMatchObject({ state: 'Running' });
    expect(status.dockerVersion).toMatch(/^v20\.10\./);
    status = await powerAction(machines, 'vm1', 'kill', hooks);
    expect(status.state).toBe('Stopped');
  }, 600_000);

  it('removes the VM and its disk; nothing of it is left', async () => {
    await powerAction(machines, 'vm1', 'start', hooks);
    const pid = await vmPid(await machines.record('vm1'));
    expect(pid).not.toBeNull();
    await removeMachine(machines, 'vm1');
    expect(existsSync(join(store, 'machines', 'vm1'))).toBe(false);
    expect(() => process.kill(pid!, 0)).toThrow();
    expect(existsSync(image.disk)).toBe(true); // the image itself stays
  }, 600_000);
});

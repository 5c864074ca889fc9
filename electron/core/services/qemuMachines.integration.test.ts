import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImageServer, serveImageWithSums } from '../../../e2e/hosts/imageServer';
import { testHosts } from '../../../e2e/hosts/testing';
import { ensureVmImage, vmCreateRequest, type VmImage } from '../../../e2e/hosts/vmImage';
import type { ProgressEvent } from '../../../shared/types';
import { vmPid } from '../drivers/qemu';
import { provisionMachine, removeMachine } from './genericMachines';
import { powerAction } from './lifecycle';
import { MachineService } from './machineService';
import { createQemuMachine } from './qemuMachines';

const ctx = testHosts();

describe.skipIf(!ctx)('QEMU driver under TCG with the test image, downloaded from a local mirror', () => {
  let image: VmImage;
  let store: string;
  let machines: MachineService;
  let server: ImageServer | null = null;
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
    await server?.close();
    await rm(store, { recursive: true, force: true });
  });

  it('a create whose image download keeps failing is listed as Error at "Download the image"; the part fetched is kept', async () => {
    server = await serveImageWithSums('/vm/bookworm/disk.qcow2', image.disk, { dropAfterBytes: 64 * 1024 * 1024, drops: 5 });
    await expect(createQemuMachine(machines, { ...vmCreateRequest(image, 'vm1'), image: server.url('/vm/bookworm/disk.qcow2') }, hooks)).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining('Machine "vm1", step "Download the image"'),
    });
    // One list for the whole create: the VM's steps, then provisioning's.
    const lists = events.filter((e) => e.kind === 'steps');
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ steps: ['Download the image', 'Prepare the disk', 'Boot', 'Wait for SSH', 'Detect OS', 'Check privileges', 'Set hostname', 'Install Docker Engine', 'Install TLS certificates', 'Configure Docker', 'Start Docker', 'Wait for Docker over TLS'] });
    expect(events.some((e) => e.kind === 'transfer' && e.done > 0)).toBe(true);
    const row = (await machines.listing()).machines.find((m) => m.name === 'vm1');
    expect(row).toMatchObject({ driverName: 'qemu', provisionError: expect.stringContaining('Download the image') });
    const parts = (await readdir(join(store, 'cache'))).filter((f) => f.endsWith('.part'));
    expect(parts).toHaveLength(1);
  }, 120_000);

  it("Retry resumes the download (HTTP Range), verifies it, and finishes the VM: cloud-init key, boot, Docker over the VM's NAT, TLS on the forwarded port", async () => {
    server!.misbehave({});
    events.length = 0;
    const status = await provisionMachine(machines, 'vm1', {}, hooks);
    expect(server!.requests.filter((r) => r.path === '/vm/bookworm/disk.qcow2').at(-1)!.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(events.find((e) => e.kind === 'step' && e.step === 'Download the image' && e.state === 'done')).toBeTruthy();
    expect(status).toMatchObject({ state: 'Running', error: null });
    expect(status.url).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(status.dockerVersion).toMatch(/^v20\.10\./);
    const record = await machines.record('vm1');
    expect(record.config.DriverName).toBe('qemu');
    expect(record.config.Driver).toMatchObject({ Accel: 'tcg', IPAddress: '127.0.0.1', SSHUser: 'docker', CPU: 2, Memory: 1024, ImageSource: server!.url('/vm/bookworm/disk.qcow2') });
    const cached = await readdir(join(store, 'cache'));
    expect(cached).toEqual([expect.stringMatching(/^[0-9a-f]{16}-disk\.qcow2$/)]);
    expect(record.config.Driver.Image).toBe(join(store, 'cache', cached[0]!));
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
    // Nothing but the cache is left.
    expect(await readdir(store)).toEqual(expect.arrayContaining(['cache']));
    expect((await readdir(join(store, 'cache'))).length).toBe(1);
    expect(await readdir(join(store, 'machines'))).toEqual([]);
  }, 600_000);
});

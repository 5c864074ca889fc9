import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImageServer, serveImageWithSums } from '../../../../e2e/hosts/imageServer';
import { testHosts } from '../../../../e2e/hosts/testing';
import { ensureVmImage, vmCreateRequest, type VmImage } from '../../../../e2e/hosts/vmImage';
import type { ProgressEvent } from '../../../../shared/types';
import { KEEP_BASE_STEP, vmPid } from './driver';
import { listBases } from './baseCatalog';
import { connectMachine } from '../../ssh/machineSsh';
import { listCache, removeCacheEntry } from '../../services/cacheInventory';
import { provisionMachine } from '../../services/provisioning';
import { removeMachine } from '../../services/removal';
import { powerAction } from '../../services/lifecycle';
import { MachineService } from '../../services/machineService';
import { createQemuMachine } from './create';

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
      // What the Docker-ready base steps said (a base not kept is only said in the log).
      if (e.kind === 'log' && /Docker-ready base/.test(e.text)) console.log(`[qemu] ${e.text.trim()}`);
    },
  };

  /** How a step of the last action ended (its running event comes first). */
  const outcome = (step: string): ProgressEvent | undefined => events.filter((e) => e.kind === 'step' && e.step === step && e.state !== 'running').at(-1);

  beforeAll(async () => {
    image = await ensureVmImage();
    // A short path: the VM's QMP socket lives in its machine directory (unix socket paths are short).
    store = await mkdtemp(join(tmpdir(), 'bq-'));
    machines = new MachineService(store, {});
  });
  afterAll(async () => {
    // Never leave a VM behind, whatever failed.
    await removeMachine(machines, 'vm1').catch(() => undefined);
    await removeMachine(machines, 'vm2').catch(() => undefined);
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
    expect(lists[0]).toMatchObject({ steps: ['Download the image', 'Prepare the disk', 'Boot', 'Wait for SSH', 'Detect OS', 'Check privileges', 'Set hostname', 'Install Docker Engine', 'Install TLS certificates', 'Configure Docker', 'Start Docker', 'Wait for Docker over TLS', KEEP_BASE_STEP] });
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
    // The image, and the base this first create kept (in bases/).
    expect(cached).toHaveLength(2);
    expect(cached).toEqual(expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{16}-disk\.qcow2$/), 'bases']));
    expect(record.config.Driver.Image).toBe(join(store, 'cache', cached.find((f) => f !== 'bases')!));
    expect(existsSync(join(record.dir, 'disk.qcow2'))).toBe(true);
    expect((await machines.listing()).machines.find((m) => m.name === 'vm1')).toMatchObject({ driverName: 'qemu', ip: '127.0.0.1', provisionError: null });
  }, 600_000);

  it('keeps a Docker-ready base after the first provisioning: generalised copy, recorded with what it was made of; the VM runs on with Docker', async () => {
    expect(outcome(KEEP_BASE_STEP)).toMatchObject({ state: 'done' });
    const bases = await listBases(store);
    expect(bases).toHaveLength(1);
    expect(bases[0]).toMatchObject({ madeFrom: 'vm1', engine: { kind: 'distro' }, arch: 'x86_64', dockerVersion: expect.stringMatching(/^20\.10\./), os: expect.stringContaining('Debian') });
    const record = await machines.record('vm1');
    expect(bases[0]!.image).toBe(record.config.Driver.Image);
    expect(record.config.Driver).toMatchObject({ KeepBase: false, DockerBase: '' });
    expect(await machines.status('vm1')).toMatchObject({ state: 'Running', dockerVersion: expect.stringMatching(/^v20\.10\./) });
    // The machine got its identity back: its own key still logs in, its host key is the pinned one.
    const ssh = await connectMachine(record);
    expect((await ssh.exec('hostname; test -s /etc/machine-id && echo id')).stdout).toBe('vm1\nid\n');
    ssh.close();
  }, 120_000);

  it('a second VM boots on the base while the first runs: no install, its own host keys, key, name and machine-id, Docker over TLS with the store CA', async () => {
    events.length = 0;
    const logs = (): string => events.filter((e) => e.kind === 'log').map((e) => (e as { text: string }).text).join('');
    const status = await createQemuMachine(machines, { ...vmCreateRequest(image, 'vm2'), image: server!.url('/vm/bookworm/disk.qcow2') }, hooks);
    expect(status).toMatchObject({ state: 'Running', error: null, dockerVersion: expect.stringMatching(/^v20\.10\./) });
    expect(logs()).toMatch(/Using the Docker-ready base [a-z0-9-]+ \(Docker 20\.10\./);
    expect(outcome('Install Docker Engine')).toMatchObject({ state: 'skipped' });
    expect(outcome(KEEP_BASE_STEP)).toMatchObject({ state: 'skipped' });
    const [one, two] = [await machines.record('vm1'), await machines.record('vm2')];
    expect(two.config.Driver.DockerBase).toBe((await listBases(store))[0]!.disk);
    const [s1, s2] = [await connectMachine(one), await connectMachine(two)];
    try {
      expect(s2.hostKey.fingerprint).not.toBe(s1.hostKey.fingerprint);
      const id = 'hostname; cat /etc/machine-id; cat ~/.ssh/authorized_keys';
      const [o1, o2] = [(await s1.exec(id)).stdout.split('\n'), (await s2.exec(id)).stdout.split('\n')];
      expect(o2[0]).toBe('vm2');
      expect(o2[1]).toMatch(/^[0-9a-f]{32}$/);
      expect(o2[1]).not.toBe(o1[1]);
      // Only vm2's own key is let in: vm1's is not on vm2.
      expect(o2.filter((l) => l.startsWith('ssh-'))).toEqual([expect.stringContaining('berth-vm2')]);
    } finally {
      s1.close();
      s2.close();
    }
    const withKeyOfVm1 = { ...two, config: { ...two.config, Driver: { ...two.config.Driver, SSHKeyPath: one.config.Driver.SSHKeyPath } } };
    await expect(connectMachine(withKeyOfVm1)).rejects.toMatchObject({ code: 'SSH_AUTH' });
    // The first VM ran all along.
    expect(await machines.status('vm1')).toMatchObject({ state: 'Running', dockerVersion: expect.stringMatching(/^v20\.10\./) });
  }, 600_000);

  it('the cache lists the image and the base with who uses them; a base in use is not removed, and says by whom', async () => {
    const entries = await listCache(machines);
    const base = entries.find((e) => e.kind === 'base')!;
    expect(base).toMatchObject({ usedBy: ['vm2'], sizeBytes: expect.any(Number) });
    expect(entries.find((e) => e.kind === 'image')).toMatchObject({ usedBy: ['vm1', 'vm2', `base ${base.name}`] });
    await expect(removeCacheEntry(machines, base.name)).rejects.toMatchObject({ code: 'BUSY', message: `The Docker-ready base ${base.name} is in use by vm2: remove that first` });
    await removeMachine(machines, 'vm2');
    expect((await listCache(machines)).find((e) => e.kind === 'base')).toMatchObject({ usedBy: [] });
  }, 120_000);

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
    expect(await readdir(join(store, 'cache'))).toHaveLength(2);
    expect(await readdir(join(store, 'machines'))).toEqual([]);
  }, 600_000);
});

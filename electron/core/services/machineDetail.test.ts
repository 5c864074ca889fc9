import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../../e2e/fixtures/fixtureStore';
import { machineConsoleLog, machineDetail, serverVersion } from './machineDetail';
import { MachineService } from './machineService';

describe('serverVersion', () => {
  it('reads a current Engine (27.x) with its components', () => {
    const v = serverVersion(
      {
        Version: '27.3.1', ApiVersion: '1.47', MinAPIVersion: '1.24', GoVersion: 'go1.22.7', GitCommit: '41ca978', BuildTime: '2024-09-20T11:41:11.000000000+00:00',
        Os: 'linux', Arch: 'arm64', KernelVersion: '6.8.0-45-generic',
        Components: [
          { Name: 'Engine', Version: '27.3.1' },
          { Name: 'containerd', Version: '1.7.22' },
          { Name: 'runc', Version: '1.1.14' },
          { Name: 'docker-init', Version: '0.19.0' },
        ],
      },
      { OperatingSystem: 'Ubuntu 24.04.1 LTS' },
    );
    expect(v).toEqual({
      version: '27.3.1', apiVersion: '1.47', minApiVersion: '1.24', goVersion: 'go1.22.7', gitCommit: '41ca978', built: '2024-09-20T11:41:11.000000000+00:00',
      os: 'linux', arch: 'arm64', kernel: '6.8.0-45-generic', operatingSystem: 'Ubuntu 24.04.1 LTS',
      components: [
        { name: 'Engine', version: '27.3.1' },
        { name: 'containerd', version: '1.7.22' },
        { name: 'runc', version: '1.1.14' },
        { name: 'docker-init', version: '0.19.0' },
      ],
    });
  });

  it('reads an old Engine (1.12) that predates MinAPIVersion and Components', () => {
    expect(serverVersion({ Version: '1.12.6', ApiVersion: '1.24', Os: 'linux', Arch: 'amd64' }, {})).toMatchObject({
      version: '1.12.6', apiVersion: '1.24', minApiVersion: '', components: [], operatingSystem: '', kernel: '',
    });
  });
});

describe('machineDetail and machineConsoleLog of a local VM', () => {
  it("show the VM's accelerator, resources and image, and the end of its serial console", async () => {
    const store = await copyFixtureStore();
    try {
      const machines = new MachineService(store, {});
      const record = await machines.store.load('gen1');
      record.config.DriverName = 'qemu';
      Object.assign(record.config.Driver, { Accel: 'tcg', AccelWarning: 'Slow: no hardware acceleration', CPU: 2, Memory: 1024, DiskSize: 4096, Image: '/store/cache/0123456789abcdef-debian-12-genericcloud-amd64.qcow2', ImageSource: 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2' });
      await machines.store.save(record);
      const detail = await machineDetail(machines, 'gen1');
      expect(detail.facts).toEqual([
        { label: 'Accelerator', value: 'TCG — Slow: no hardware acceleration', tone: 'warn' },
        { label: 'Resources', value: '2 CPUs, 1024 MB memory, 4096 MB disk' },
        {
          label: 'Image',
          value: 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2 (cached as /store/cache/0123456789abcdef-debian-12-genericcloud-amd64.qcow2)',
          mono: true,
        },
      ]);
      expect(detail.hasConsole).toBe(true);
      expect(detail.ssh?.host).toBe('127.0.0.1');
      expect(await machineConsoleLog(machines, 'gen1')).toBe('');
      await writeFile(join(record.dir, 'console.log'), `${'x'.repeat(70 * 1024)}\nLogin: `);
      const tail = (await machineConsoleLog(machines, 'gen1'))!;
      expect(tail.length).toBe(64 * 1024);
      expect(tail.endsWith('\nLogin: ')).toBe(true);
      expect((await machineDetail(machines, 'gen2')).facts).toEqual([]);
      expect((await machineDetail(machines, 'gen2')).hasConsole).toBe(false);
      expect(await machineConsoleLog(machines, 'gen2')).toBeNull();
    } finally {
      await rm(store, { recursive: true, force: true });
    }
  });
});

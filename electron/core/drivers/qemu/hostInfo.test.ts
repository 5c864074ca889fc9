import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installHint, qemuEnv, qemuHostInfo, setQemuDir } from './hostInfo';
import { onPath } from '../../util/onPath';

describe('installHint', () => {
  it.each([
    ['darwin', /brew install qemu/],
    ['win32', /winget install SoftwareFreedomConservancy\.QEMU/],
    ['linux', /apt-get install qemu-system-x86 qemu-utils.*dnf install qemu-kvm qemu-img/],
  ] as const)('%s', (platform, hint) => expect(installHint(platform)).toMatch(hint));

  it('Linux on arm64 gets the aarch64 emulator and its UEFI firmware', () => {
    expect(installHint('linux', 'aarch64')).toMatch(/apt-get install qemu-system-arm qemu-efi-aarch64 qemu-utils.*dnf install qemu-kvm edk2-aarch64 qemu-img/);
  });
});

describe('onPath and qemuHostInfo', () => {
  it('finds executables on PATH only, and says what is missing and how to get it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-path-'));
    try {
      await writeFile(join(dir, 'qemu-img'), '#!/bin/sh\n');
      await chmod(join(dir, 'qemu-img'), 0o755);
      await writeFile(join(dir, 'qemu-system-x86_64'), 'not executable');
      const env = { PATH: dir };
      expect(await onPath('qemu-img', env)).toBe(join(dir, 'qemu-img'));
      expect(await onPath('qemu-system-x86_64', env)).toBeNull();
      const info = await qemuHostInfo(join(dir, 'store-not-made-yet'), env);
      expect(info).toMatchObject({ system: null, img: join(dir, 'qemu-img'), accel: null });
      expect(info.missing).toMatch(/^qemu-system-x86_64 not found on PATH\. Install QEMU/);
      expect(info.cpus).toBeGreaterThan(0);
      expect(info.freeDiskMb).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a QEMU folder chosen in settings', () => {
  it('is searched before PATH, and a folder that does not exist is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-qemu-dir-'));
    try {
      const tools = join(dir, 'qemu');
      await mkdir(tools);
      for (const tool of ['qemu-system-x86_64', 'qemu-img']) {
        await writeFile(join(tools, tool), '#!/bin/sh\n');
        await chmod(join(tools, tool), 0o755);
      }
      const store = join(dir, 'store');
      await mkdir(store);
      const env = { PATH: '/nonexistent', BERTH_QEMU_ACCEL: 'tcg' };
      expect((await qemuHostInfo(store, env)).missing).toMatch(/^qemu-system-x86_64 and qemu-img not found on PATH\./);
      await expect(setQemuDir(store, join(dir, 'nope'))).rejects.toMatchObject({ code: 'NOT_FOUND', message: `${join(dir, 'nope')} is not a folder` });
      await setQemuDir(store, tools);
      expect(await qemuHostInfo(store, env)).toMatchObject({ dir: tools, system: join(tools, 'qemu-system-x86_64'), img: join(tools, 'qemu-img'), missing: null, accel: { accel: 'tcg' } });
      expect((await qemuEnv(store, env)).PATH).toBe(`${tools}:/nonexistent`);
      await setQemuDir(store, null);
      expect((await qemuHostInfo(store, env)).dir).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

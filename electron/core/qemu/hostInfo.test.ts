import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installHint, onPath, qemuHostInfo } from './hostInfo';

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

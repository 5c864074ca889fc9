import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aarch64FirmwareCandidates, findAarch64Firmware } from './firmware';

describe('aarch64 UEFI firmware', () => {
  it.each([
    ['Homebrew on Apple silicon', '/opt/homebrew/bin/qemu-system-aarch64', '/opt/homebrew/share/qemu/edk2-aarch64-code.fd'],
    ['Homebrew on Intel', '/usr/local/bin/qemu-system-aarch64', '/usr/local/share/qemu/edk2-aarch64-code.fd'],
    ['the Windows installer', 'C:/Program Files/qemu/qemu-system-aarch64.exe', 'C:/Program Files/qemu/share/edk2-aarch64-code.fd'],
  ])("looks beside QEMU's own files first (%s)", (_where, binary, firmware) => {
    expect(aarch64FirmwareCandidates(binary).map((p) => p.replace(/\\/g, '/'))).toContain(firmware);
  });

  it("then the distributions' packages", () => {
    expect(aarch64FirmwareCandidates(null)).toEqual(['/usr/share/qemu-efi-aarch64/QEMU_EFI.fd', '/usr/share/edk2/aarch64/QEMU_EFI.fd', '/usr/share/qemu/edk2-aarch64-code.fd']);
  });

  it('finds the firmware a QEMU install brings', async () => {
    const prefix = await mkdtemp(join(tmpdir(), 'berth-fw-'));
    try {
      await mkdir(join(prefix, 'bin'));
      await mkdir(join(prefix, 'share', 'qemu'), { recursive: true });
      await writeFile(join(prefix, 'share', 'qemu', 'edk2-aarch64-code.fd'), 'fw');
      expect(await findAarch64Firmware(join(prefix, 'bin', 'qemu-system-aarch64'))).toBe(join(prefix, 'bin', '..', 'share', 'qemu', 'edk2-aarch64-code.fd'));
    } finally {
      await rm(prefix, { recursive: true, force: true });
    }
  });
});

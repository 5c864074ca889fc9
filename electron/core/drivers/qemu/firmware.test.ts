import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aarch64UefiOf, findAarch64Firmware, firmwarePlaces } from './firmware';

/** As Debian 12's qemu-efi-aarch64 installs them in /usr/share/qemu/firmware. */
const descriptor = (features: string[], extra: object = {}): object => ({
  description: 'UEFI firmware for aarch64',
  'interface-types': ['uefi'],
  mapping: { device: 'flash', executable: { filename: '/usr/share/AAVMF/AAVMF_CODE.fd', format: 'raw' }, 'nvram-template': { filename: '/usr/share/AAVMF/AAVMF_VARS.fd', format: 'raw' } },
  targets: [{ architecture: 'aarch64', machines: ['virt-*'] }],
  features,
  tags: [],
  ...extra,
});

describe('aarch64UefiOf (QEMU firmware descriptors)', () => {
  it.each([
    ['plain UEFI for virt', descriptor(['verbose-static']), '/usr/share/AAVMF/AAVMF_CODE.fd'],
    ['Secure Boot', descriptor(['secure-boot', 'verbose-static']), null],
    ['keys enrolled', descriptor(['enrolled-keys', 'secure-boot']), null],
    ['x86_64', descriptor([], { targets: [{ architecture: 'x86_64', machines: ['pc-q35-*'] }] }), null],
    ['a kernel, not flash', descriptor([], { mapping: { device: 'kernel', filename: '/x' } }), null],
    ['BIOS', descriptor([], { 'interface-types': ['bios'] }), null],
    ['not a descriptor', null, null],
  ])('%s', (_what, d, expected) => {
    expect(aarch64UefiOf(d)).toBe(expected);
  });
});

describe('findAarch64Firmware', () => {
  it.each([
    ['Homebrew on Apple silicon', '/opt/homebrew/bin/qemu-system-aarch64', '/opt/homebrew/share/qemu/edk2-aarch64-code.fd', '/opt/homebrew/share/qemu/firmware'],
    ['the Windows installer', 'C:/Program Files/qemu/qemu-system-aarch64.exe', 'C:/Program Files/qemu/share/edk2-aarch64-code.fd', 'C:/Program Files/qemu/share/firmware'],
  ])("looks beside QEMU's own files before the system's (%s)", (_where, binary, file, dir) => {
    const [own, system] = firmwarePlaces(binary).map((p) => ({ files: p.files.map((f) => f.replace(/\\/g, '/')), dirs: p.descriptorDirs.map((f) => f.replace(/\\/g, '/')) }));
    expect(own!.files).toContain(file);
    expect(own!.dirs).toContain(dir);
    expect(system!.files[0]).toBe('/usr/share/AAVMF/AAVMF_CODE.fd');
  });

  it("takes the firmware a QEMU install brings, by its descriptor or by its file name", async () => {
    const prefix = await mkdtemp(join(tmpdir(), 'berth-fw-'));
    try {
      const bin = join(prefix, 'bin', 'qemu-system-aarch64');
      const share = join(prefix, 'bin', '..', 'share', 'qemu');
      await mkdir(join(share, 'firmware'), { recursive: true });
      await writeFile(join(share, 'edk2-aarch64-code.fd'), 'fw');
      expect(await findAarch64Firmware(bin)).toBe(join(share, 'edk2-aarch64-code.fd'));
      await writeFile(join(share, 'own-uefi.fd'), 'fw');
      const d = descriptor([]) as { mapping: { executable: { filename: string } } };
      d.mapping.executable.filename = join(share, 'own-uefi.fd');
      await writeFile(join(share, 'firmware', '60-edk2-aarch64.json'), JSON.stringify(d));
      await writeFile(join(share, 'firmware', '10-broken.json'), '{');
      expect(await findAarch64Firmware(bin)).toBe(join(share, 'own-uefi.fd'));
    } finally {
      await rm(prefix, { recursive: true, force: true });
    }
  });
});

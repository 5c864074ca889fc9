import { describe, expect, it } from 'vitest';
import { aarch64ExitProbe, chooseAccel, exitProbeBios, TCG_WARNING } from './accel';

describe('chooseAccel', () => {
  const works = async () => ({ ok: true, reason: 'KVM runs guests' });
  const hangs = async () => ({ ok: false, reason: 'a KVM guest did not run within 5 s (nested virtualisation?)' });
  it.each([
    ['linux', undefined, works, { accel: 'kvm', warning: null }],
    ['linux', undefined, hangs, { accel: 'tcg', warning: `${TCG_WARNING}: a KVM guest did not run within 5 s (nested virtualisation?)`, reason: 'a KVM guest did not run within 5 s (nested virtualisation?)' }],
    ['darwin', undefined, hangs, { accel: 'hvf', warning: null }],
    ['win32', undefined, hangs, { accel: 'whpx', warning: null }],
    ['freebsd', undefined, works, { accel: 'tcg', warning: TCG_WARNING }],
    ['linux', 'tcg', works, { accel: 'tcg', warning: TCG_WARNING }],
    ['linux', 'kvm', hangs, { accel: 'kvm', warning: null }],
  ] as const)('%s, override %s', async (platform, override, probe, expected) => {
    expect(await chooseAccel(platform, override, probe)).toEqual(expected);
  });

  it('refuses an unknown override', async () => {
    await expect(chooseAccel('linux', 'xen', works)).rejects.toThrow('BERTH_QEMU_ACCEL is kvm, hvf, whpx or tcg, not "xen"');
  });
});

describe('exitProbeBios', () => {
  it('is 64 KiB with the exit sequence at the reset vector', () => {
    const bios = exitProbeBios();
    expect(bios.length).toBe(0x10000);
    expect([...bios.subarray(0xfff0, 0xfff5)]).toEqual([0xb0, 0x31, 0xe6, 0xf4, 0xf4]);
  });
});

describe('aarch64ExitProbe', () => {
  it('is PSCI SYSTEM_OFF (0x84000008) through HVC, little-endian A64', () => {
    const program = aarch64ExitProbe();
    expect([0, 4, 8, 12].map((o) => program.readUInt32LE(o).toString(16))).toEqual(['d2800100', 'f2b08000', 'd4000002', '14000000']);
  });
});

import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Accel } from './qemuCommand';

export interface AccelChoice {
  accel: Accel;
  /** Shown with the machine: why it is slow, or why the hardware accelerator was passed over. */
  warning: string | null;
}

export const TCG_WARNING = 'Slow: no hardware acceleration (QEMU emulates the CPU with TCG)';

/**
 * A 64 KiB x86 "BIOS" whose reset vector writes 0x31 to QEMU's isa-debug-exit port: a VM that
 * really runs guest code exits at once with status (0x31 << 1) | 1 = 99.
 */
export function exitProbeBios(): Buffer {
  const bios = Buffer.alloc(0x10000, 0xf4); // hlt everywhere
  Buffer.from([0xb0, 0x31, 0xe6, 0xf4, 0xf4]).copy(bios, 0xfff0); // mov al,0x31; out 0xf4,al; hlt
  return bios;
}
const PROBE_EXIT = 99;

/**
 * Whether KVM runs guests here: /dev/kvm must be usable and a guest must actually run (on some
 * nested hosts KVM exists but guests hang, as on Berth's own CI machines).
 */
export async function kvmRunsGuests(timeoutMs = 5000, env: NodeJS.ProcessEnv = process.env): Promise<{ ok: boolean; reason: string }> {
  try {
    await access('/dev/kvm', constants.R_OK | constants.W_OK);
  } catch {
    return { ok: false, reason: '/dev/kvm is missing or not accessible to this user' };
  }
  const dir = await mkdtemp(join(tmpdir(), 'berth-kvm-'));
  try {
    const bios = join(dir, 'probe.bin');
    await writeFile(bios, exitProbeBios());
    // -cpu host, as the VMs use: some nested hosts fail only there ("failed to set MSR").
    const args = ['-accel', 'kvm', '-cpu', 'host', '-bios', bios, '-display', 'none', '-nodefaults', '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04', '-m', '16'];
    const { code, stderr } = await new Promise<{ code: number | string; stderr: string }>((resolve) => {
      execFile('qemu-system-x86_64', args, { timeout: timeoutMs, env }, (err, _out, errOut) => {
        const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string }) | null;
        resolve({ code: e ? (e.killed ? 'timeout' : (e.code ?? e.signal ?? 'error')) : 0, stderr: String(errOut).trim().split('\n')[0] ?? '' });
      });
    });
    if (code === PROBE_EXIT) return { ok: true, reason: 'KVM runs guests' };
    if (code === 'timeout') return { ok: false, reason: `a KVM guest did not run within ${timeoutMs / 1000} s (nested virtualisation?)` };
    return { ok: false, reason: `a KVM guest failed: ${stderr || code}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The accelerator for this platform: `override` (BERTH_QEMU_ACCEL), else the hardware one that works, else TCG. */
export async function chooseAccel(platform: NodeJS.Platform, override?: string, probeKvm = kvmRunsGuests): Promise<AccelChoice> {
  if (override) {
    if (!['kvm', 'hvf', 'whpx', 'tcg'].includes(override)) throw new Error(`BERTH_QEMU_ACCEL is kvm, hvf, whpx or tcg, not "${override}"`);
    return { accel: override as Accel, warning: override === 'tcg' ? TCG_WARNING : null };
  }
  if (platform === 'darwin') return { accel: 'hvf', warning: null };
  if (platform === 'win32') return { accel: 'whpx', warning: null };
  if (platform === 'linux') {
    const kvm = await probeKvm();
    if (kvm.ok) return { accel: 'kvm', warning: null };
    return { accel: 'tcg', warning: `${TCG_WARNING}: ${kvm.reason}` };
  }
  return { accel: 'tcg', warning: TCG_WARNING };
}

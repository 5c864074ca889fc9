import { ACCELS } from '../../../../shared/accels';
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Accel, hostQemuArch, type QemuArch, qemuBinary } from './qemuCommand';

export interface AccelChoice {
  accel: Accel;
  /** Shown with the machine: why it is slow, or why the hardware accelerator was passed over. */
  warning: string | null;
  /** What the hardware accelerator's probe said (QEMU's own words), when it was passed over. */
  reason?: string;
}

export const TCG_WARNING = 'Slow: no hardware acceleration (QEMU emulates the CPU with TCG)';

/**
 * A tiny guest per architecture that ends the VM as soon as it runs, so "it runs" is told apart
 * from "it hangs" (on some nested hosts KVM exists but guests hang, as on Berth's own CI machines).
 */
interface ProbeGuest {
  firmware: Buffer;
  /** Machine and devices the program needs. */
  args: string[];
  /** QEMU's exit status when the program ran. */
  ranStatus: number;
}

/**
 * x86: a 64 KiB "BIOS" whose reset vector writes 0x31 to QEMU's isa-debug-exit port: a VM that
 * really runs guest code exits at once with status (0x31 << 1) | 1 = 99.
 */
export function exitProbeBios(): Buffer {
  const bios = Buffer.alloc(0x10000, 0xf4); // hlt everywhere
  Buffer.from([0xb0, 0x31, 0xe6, 0xf4, 0xf4]).copy(bios, 0xfff0); // mov al,0x31; out 0xf4,al; hlt
  return bios;
}

/** aarch64 (virt): flash at address 0 holds PSCI SYSTEM_OFF through HVC; QEMU then exits with 0. */
export function aarch64ExitProbe(): Buffer {
  const words = [
    0xd2800100, // movz x0, #0x0008
    0xf2b08000, // movk x0, #0x8400, lsl #16   -> x0 = 0x84000008, PSCI SYSTEM_OFF
    0xd4000002, // hvc #0
    0x14000000, // b .
  ];
  const program = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => program.writeUInt32LE(w, i * 4));
  return program;
}

const PROBES: Record<QemuArch, () => ProbeGuest> = {
  x86_64: () => ({ firmware: exitProbeBios(), args: ['-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04', '-m', '16'], ranStatus: 99 }),
  aarch64: () => ({ firmware: aarch64ExitProbe(), args: ['-machine', 'virt', '-m', '64'], ranStatus: 0 }),
};

/**
 * Whether an accelerator really runs guests here: boots the probe guest with the CPU the VMs get
 * (`-cpu host` under KVM: some nested hosts fail only there, "failed to set MSR").
 */
export async function acceleratorRunsGuests(
  accel: Accel,
  arch: QemuArch,
  timeoutMs = 5000,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ok: boolean; reason: string }> {
  const probe = PROBES[arch]();
  const dir = await mkdtemp(join(tmpdir(), 'berth-probe-'));
  try {
    const firmware = join(dir, 'probe.bin');
    await writeFile(firmware, probe.firmware);
    const args = ['-accel', accel, '-cpu', accel === 'tcg' ? 'max' : 'host', '-bios', firmware, '-display', 'none', '-nodefaults', ...probe.args];
    const { code, stderr } = await new Promise<{ code: number | string; stderr: string }>((resolve) => {
      execFile(qemuBinary(arch), args, { timeout: timeoutMs, env }, (err, _out, errOut) => {
        const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string }) | null;
        resolve({ code: e ? (e.killed ? 'timeout' : (e.code ?? e.signal ?? 'error')) : 0, stderr: String(errOut).trim().split('\n')[0] ?? '' });
      });
    });
    const name = accel.toUpperCase();
    if (code === probe.ranStatus) return { ok: true, reason: `${name} runs guests` };
    if (code === 'timeout') return { ok: false, reason: `a ${name} guest did not run within ${timeoutMs / 1000} s (nested virtualisation?)` };
    return { ok: false, reason: `a ${name} guest failed: ${stderr || code}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether KVM runs guests of this computer's architecture: /dev/kvm must be usable and a guest must actually run. */
export async function kvmRunsGuests(timeoutMs = 5000, env: NodeJS.ProcessEnv = process.env): Promise<{ ok: boolean; reason: string }> {
  try {
    await access('/dev/kvm', constants.R_OK | constants.W_OK);
  } catch {
    return { ok: false, reason: '/dev/kvm is missing or not accessible to this user' };
  }
  return acceleratorRunsGuests('kvm', hostQemuArch(), timeoutMs, env);
}

/** The accelerator for this platform: `override` (BERTH_QEMU_ACCEL), else the hardware one that works, else TCG. */
export async function chooseAccel(platform: NodeJS.Platform, override?: string, probeKvm = kvmRunsGuests): Promise<AccelChoice> {
  if (override) {
    if (!(ACCELS as readonly string[]).includes(override)) throw new Error(`BERTH_QEMU_ACCEL is kvm, hvf, whpx or tcg, not "${override}"`);
    return { accel: override as Accel, warning: override === 'tcg' ? TCG_WARNING : null };
  }
  if (platform === 'darwin') return { accel: 'hvf', warning: null };
  if (platform === 'win32') return { accel: 'whpx', warning: null };
  if (platform === 'linux') {
    const kvm = await probeKvm();
    if (kvm.ok) return { accel: 'kvm', warning: null };
    return { accel: 'tcg', warning: `${TCG_WARNING}: ${kvm.reason}`, reason: kvm.reason };
  }
  return { accel: 'tcg', warning: TCG_WARNING };
}

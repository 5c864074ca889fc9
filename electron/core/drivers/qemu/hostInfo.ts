import { stat } from 'node:fs/promises';
import { delimiter } from 'node:path';
import type { QemuHostInfo } from '../../../../shared/types';
import { BerthError } from '../../errors';
import { readSettings, updateSettings } from '../../settings/appSettings';
import { chooseAccel, kvmRunsGuests } from './accel';
import { hostQemuArch, qemuBinary, type QemuArch } from './qemuCommand';
import { hostResources } from '../../util/hostResources';
import { onPath } from '../../util/onPath';

/**
 * The environment QEMU's tools run in: the folder chosen in settings goes first on PATH, so the
 * same names resolve everywhere (wizard, create, start, the KVM probe).
 */
export async function qemuEnv(storePath: string, env: NodeJS.ProcessEnv = process.env): Promise<NodeJS.ProcessEnv> {
  const { qemuDir } = await readSettings(storePath);
  if (!qemuDir) return env;
  // Windows spells it "Path"; a copied env is case-sensitive.
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  return { ...env, [key]: [qemuDir, env[key]].filter(Boolean).join(delimiter) };
}

export function installHint(platform: NodeJS.Platform, arch: QemuArch = 'x86_64'): string {
  switch (platform) {
    case 'darwin':
      return 'Install QEMU with Homebrew: brew install qemu';
    case 'win32':
      return 'Install QEMU: winget install SoftwareFreedomConservancy.QEMU (then reopen Berth)';
    default:
      return arch === 'aarch64'
        ? 'Install QEMU: sudo apt-get install qemu-system-arm qemu-efi-aarch64 qemu-utils (Debian, Ubuntu) or sudo dnf install qemu-kvm edk2-aarch64 qemu-img (Fedora)'
        : 'Install QEMU: sudo apt-get install qemu-system-x86 qemu-utils (Debian, Ubuntu) or sudo dnf install qemu-kvm qemu-img (Fedora)';
  }
}

/** What the VM wizard needs to know of this computer: QEMU's tools, the accelerator, and the resources to bound its sliders. */
/** Chooses the folder of QEMU's tools (null: PATH only); it must exist. */
export async function setQemuDir(storePath: string, dir: string | null): Promise<void> {
  if (dir !== null && !(await stat(dir).then((s) => s.isDirectory(), () => false))) throw new BerthError('NOT_FOUND', `${dir} is not a folder`);
  await updateSettings(storePath, { qemuDir: dir });
}

export async function qemuHostInfo(storePath: string, processEnv: NodeJS.ProcessEnv): Promise<QemuHostInfo> {
  const arch = hostQemuArch();
  const { qemuDir } = await readSettings(storePath);
  const env = await qemuEnv(storePath, processEnv);
  const [system, img] = await Promise.all([onPath(qemuBinary(arch), env), onPath('qemu-img', env)]);
  const missing = [system ? null : qemuBinary(arch), img ? null : 'qemu-img'].filter((x): x is string => x !== null);
  return {
    dir: qemuDir,
    system,
    img,
    missing: missing.length ? `${missing.join(' and ')} not found ${qemuDir ? `in ${qemuDir} or ` : ''}on PATH. ${installHint(process.platform, arch)}` : null,
    accel: system ? await chooseAccel(process.platform, env.BERTH_QEMU_ACCEL, () => kvmRunsGuests(undefined, env)) : null,
    ...(await hostResources(storePath)),
  };
}

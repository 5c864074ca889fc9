import { constants, existsSync } from 'node:fs';
import { access, statfs } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { QemuHostInfo } from '../../../shared/types';
import { chooseAccel } from './accel';
import { hostQemuArch, qemuBinary, type QemuArch } from './qemuCommand';

/** An executable on PATH (no shell involved), or null. */
export async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
    }
  }
  return null;
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
export async function qemuHostInfo(storePath: string, env: NodeJS.ProcessEnv): Promise<QemuHostInfo> {
  const arch = hostQemuArch();
  const [system, img] = await Promise.all([onPath(qemuBinary(arch), env), onPath('qemu-img', env)]);
  let dir = storePath;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const fs = await statfs(dir);
  const missing = [system ? null : qemuBinary(arch), img ? null : 'qemu-img'].filter((x): x is string => x !== null);
  return {
    system,
    img,
    missing: missing.length ? `${missing.join(' and ')} not found on PATH. ${installHint(process.platform, arch)}` : null,
    accel: system ? await chooseAccel(process.platform, env.BERTH_QEMU_ACCEL) : null,
    cpus: cpus().length,
    memoryMb: Math.floor(totalmem() / 1024 / 1024),
    freeDiskMb: Math.floor((fs.bavail * fs.bsize) / 1024 / 1024),
  };
}

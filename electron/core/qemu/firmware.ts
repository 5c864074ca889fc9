import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Where aarch64 UEFI firmware may be: beside QEMU's own files first (Homebrew, MacPorts, the
 * Windows installer and source builds ship edk2-aarch64-code.fd in QEMU's share folder), then
 * the Linux distributions' firmware packages. An x86_64 guest needs none: QEMU has SeaBIOS built in.
 */
export function aarch64FirmwareCandidates(qemuSystem: string | null): string[] {
  const own = qemuSystem
    ? [join(dirname(qemuSystem), '..', 'share', 'qemu', 'edk2-aarch64-code.fd'), join(dirname(qemuSystem), 'share', 'edk2-aarch64-code.fd')]
    : [];
  return [
    ...own,
    '/usr/share/qemu-efi-aarch64/QEMU_EFI.fd', // Debian, Ubuntu: qemu-efi-aarch64
    '/usr/share/edk2/aarch64/QEMU_EFI.fd', // Fedora, Arch: edk2-aarch64
    '/usr/share/qemu/edk2-aarch64-code.fd',
  ];
}

export const AARCH64_FIRMWARE_HINT =
  'aarch64 VMs boot with UEFI firmware, and none was found. Install it: sudo apt-get install qemu-efi-aarch64 (Debian, Ubuntu), sudo dnf install edk2-aarch64 (Fedora); Homebrew\'s and the Windows installer\'s QEMU bring their own.';

export async function findAarch64Firmware(qemuSystem: string | null): Promise<string | null> {
  for (const path of aarch64FirmwareCandidates(qemuSystem)) {
    if (await access(path, constants.R_OK).then(() => true, () => false)) return path;
  }
  return null;
}

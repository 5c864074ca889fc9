import { constants } from 'node:fs';
import { access, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The UEFI code of a QEMU firmware descriptor (docs/interop/firmware.json: the JSON files QEMU
 * installs in share/qemu/firmware) when it is plain UEFI for aarch64's virt machine loaded from
 * flash; null for anything else (Secure Boot builds need a secure machine, other arches, kernels).
 */
export function aarch64UefiOf(descriptor: unknown): string | null {
  if (!descriptor || typeof descriptor !== 'object') return null;
  const d = descriptor as {
    'interface-types'?: string[];
    mapping?: { device?: string; executable?: { filename?: string } };
    targets?: { architecture?: string; machines?: string[] }[];
    features?: string[];
  };
  const forVirt = d.targets?.some((t) => t.architecture === 'aarch64' && t.machines?.some((m) => m.startsWith('virt')));
  const plain = !d.features?.some((f) => f === 'secure-boot' || f === 'requires-smm' || f === 'enrolled-keys');
  const file = d.mapping?.device === 'flash' ? d.mapping.executable?.filename : undefined;
  return d['interface-types']?.includes('uefi') && forVirt && plain && file ? file : null;
}

/**
 * Where aarch64 UEFI may be, nearest first: QEMU's own share folder (Homebrew, the Windows
 * installer, a folder chosen in settings), then the system's. In each, the firmware descriptors
 * QEMU's packages install, then files known to hold it where no descriptor says so.
 */
export function firmwarePlaces(qemuSystem: string | null): { descriptorDirs: string[]; files: string[] }[] {
  const own = qemuSystem
    ? [
        {
          descriptorDirs: [join(dirname(qemuSystem), '..', 'share', 'qemu', 'firmware'), join(dirname(qemuSystem), 'share', 'firmware')],
          files: [join(dirname(qemuSystem), '..', 'share', 'qemu', 'edk2-aarch64-code.fd'), join(dirname(qemuSystem), 'share', 'edk2-aarch64-code.fd')],
        },
      ]
    : [];
  return [
    ...own,
    {
      descriptorDirs: ['/etc/qemu/firmware', '/usr/share/qemu/firmware'],
      files: [
        '/usr/share/AAVMF/AAVMF_CODE.fd', // Debian 12, Ubuntu: qemu-efi-aarch64
        '/usr/share/qemu-efi-aarch64/QEMU_EFI.fd', // older Debian and Ubuntu
        '/usr/share/edk2/aarch64/QEMU_EFI.fd', // Fedora, Arch: edk2-aarch64
        '/usr/share/qemu/edk2-aarch64-code.fd',
      ],
    },
  ];
}

export const AARCH64_FIRMWARE_HINT =
  "aarch64 VMs boot with UEFI firmware, and none was found. Install it: sudo apt-get install qemu-efi-aarch64 (Debian, Ubuntu), sudo dnf install edk2-aarch64 (Fedora); Homebrew's and the Windows installer's QEMU bring their own.";

const readable = (path: string): Promise<boolean> => access(path, constants.R_OK).then(() => true, () => false);

/** aarch64 UEFI firmware: in the nearest place, what QEMU's descriptors name (in their order of priority), else a known file. */
export async function findAarch64Firmware(qemuSystem: string | null): Promise<string | null> {
  for (const place of firmwarePlaces(qemuSystem)) {
    for (const dir of place.descriptorDirs) {
      const names = (await readdir(dir).catch(() => [])).filter((n) => n.endsWith('.json')).sort();
      for (const name of names) {
        const file = aarch64UefiOf(await readFile(join(dir, name), 'utf8').then(JSON.parse).catch(() => null));
        if (file && (await readable(file))) return file;
      }
    }
    for (const path of place.files) if (await readable(path)) return path;
  }
  return null;
}

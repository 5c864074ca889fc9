import { constants } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';

export type LocalFilePurpose = 'ssh-key' | 'vm-image';

/** The first bytes of what each purpose accepts: a private key in PEM/OpenSSH form; a qcow2 image (or raw). */
const KEY_HEADER = /^-----BEGIN (OPENSSH|RSA|EC|DSA|ENCRYPTED)? ?PRIVATE KEY-----/;
const QCOW2_MAGIC = Buffer.from('QFI\xfb', 'latin1');

/**
 * The wizard's narrow check of a file it is given (not a general file API): there, a file, readable
 * by Berth, and of the right kind — so a typo is said at the field, not at the last step of a create.
 */
export async function checkLocalFile(path: string, purpose: LocalFilePurpose): Promise<string | null> {
  if (!isAbsolute(path)) return 'Give the whole path (starting with / or a drive letter)';
  const s = await stat(path).catch((err: NodeJS.ErrnoException) => err);
  if (s instanceof Error) return s.code === 'ENOENT' ? 'No such file' : s.code === 'EACCES' ? 'Berth may not look there (permission denied)' : `Cannot read it (${s.code ?? s.message})`;
  if (!s.isFile()) return 'That is a folder, not a file';
  if (await access(path, constants.R_OK).then(() => false, () => true)) return 'Berth may not read this file (permission denied)';
  const head = Buffer.alloc(64);
  const f = await open(path, 'r');
  const { bytesRead } = await f.read(head, 0, head.length, 0).finally(() => f.close());
  const start = head.subarray(0, bytesRead);
  if (purpose === 'ssh-key') {
    if (s.size > 64 * 1024 || !KEY_HEADER.test(start.toString('latin1'))) return 'Not a private key (a .pub file, or another kind of file?)';
    return null;
  }
  if (s.size < 1024 * 1024) return 'Too small to be a VM image';
  // A qcow2 image says so in its first bytes; anything else is taken as a raw disk image.
  return start.subarray(0, 4).equals(QCOW2_MAGIC) || s.size % 512 === 0 ? null : 'Not a qcow2 or raw disk image';
}

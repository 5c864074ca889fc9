import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomicWrite';
import { withStoreLock } from '../store/storeLock';

/** Berth's pinned SSH host keys, in OpenSSH known_hosts format, beside docker-machine's data. */
export function knownHostsPath(storePath: string): string {
  return join(storePath, 'berth-known_hosts');
}

/** SHA256 fingerprint as `ssh-keygen -lf` prints it. */
export function fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (its first length-prefixed string). */
export function keyType(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + len).toString('latin1');
}

/** known_hosts names a non-22 port as [host]:port. */
export function hostPattern(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export interface PinnedKey {
  type: string;
  blob: Buffer;
}

function parse(text: string): Array<{ pattern: string; type: string; base64: string }> {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(/\s+/))
    .filter((f) => f.length >= 3)
    .map(([pattern, type, base64]) => ({ pattern: pattern!, type: type!, base64: base64! }));
}

export async function lookupPinned(file: string, host: string, port: number): Promise<PinnedKey | null> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const want = hostPattern(host, port);
  const entry = parse(text).find((e) => e.pattern.split(',').includes(want));
  return entry ? { type: entry.type, blob: Buffer.from(entry.base64, 'base64') } : null;
}

/** Pins (or, on an explicit re-trust, replaces) the key for host:port. */
export async function pinHostKey(file: string, host: string, port: number, blob: Buffer): Promise<void> {
  // Under the store lock: pins made at once (several creates, the app and the CLI) are all kept.
  await withStoreLock(file, async () => {
    const text = await readFile(file, 'utf8').catch(() => '');
    const want = hostPattern(host, port);
    const kept = text.split('\n').filter((l) => l.trim() && !l.trim().split(/\s+/)[0]!.split(',').includes(want));
    kept.push(`${want} ${keyType(blob)} ${blob.toString('base64')}`);
    await writeFileAtomic(file, kept.join('\n') + '\n', 0o600);
  });
}

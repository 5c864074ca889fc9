export type HashAlgorithm = 'sha256' | 'sha512';

export interface Checksum {
  algorithm: HashAlgorithm;
  hex: string;
}

const BY_LENGTH: Record<number, HashAlgorithm> = { 64: 'sha256', 128: 'sha512' };

function checksumOf(hex: string): Checksum | null {
  const algorithm = BY_LENGTH[hex.length];
  return algorithm && /^[0-9a-f]+$/i.test(hex) ? { algorithm, hex: hex.toLowerCase() } : null;
}

/**
 * A distribution's checksum list (SHA256SUMS, SHA512SUMS) as file name → checksum. Reads GNU
 * coreutils lines (`HEX  name`, `HEX *name` for binary mode) and BSD tags (`SHA256 (name) = HEX`);
 * anything else (PGP armour, comments) is skipped.
 */
export function parseChecksumList(text: string): Map<string, Checksum> {
  const sums = new Map<string, Checksum>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const bsd = /^(SHA256|SHA512) \((.+)\) = ([0-9a-fA-F]+)$/.exec(line);
    const gnu = /^([0-9a-fA-F]+) [ *]?(.+)$/.exec(line);
    const [name, hex] = bsd ? [bsd[2], bsd[3]] : gnu ? [gnu[2], gnu[1]] : [];
    const sum = hex ? checksumOf(hex) : null;
    if (name && sum) sums.set(name.replace(/^\.\//, ''), sum);
  }
  return sums;
}

/** `sha256:HEX` or `sha512:HEX` (as `--qemu-image-checksum` takes it); a bare HEX says its algorithm by its length. */
export function parseChecksum(spec: string): Checksum | null {
  const m = /^(?:(sha256|sha512):)?([0-9a-fA-F]+)$/i.exec(spec.trim());
  if (!m) return null;
  const sum = checksumOf(m[2]!);
  return sum && (!m[1] || m[1].toLowerCase() === sum.algorithm) ? sum : null;
}

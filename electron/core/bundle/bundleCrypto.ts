import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { BerthError } from '../errors';

/**
 * The sealed file `berth export` writes: a magic line naming the format and its version, a JSON
 * header line (KDF parameters, salt, nonce, payload length, a key check), the payload encrypted with
 * ChaCha20-Poly1305 (the header as associated data, so it cannot be changed unnoticed), and a
 * SHA-256 of everything before it. All from node:crypto (OpenSSL): no new dependency in the CLI.
 *
 * The outer checksum and the key check exist only so that each failure gets its own message — a
 * truncated copy, a damaged byte, a wrong passphrase, a deliberately altered file — in that order.
 * They reveal nothing a decryption attempt would not (the key check is a hash of derived bytes that
 * are not the key).
 */
export const BUNDLE_MAGIC = 'berth-machine-bundle';
export const BUNDLE_VERSION = 1;

/** scrypt with 128 MiB of memory (N=2^17, r=8): about half a second here, costly to guess at scale. */
const KDF = { alg: 'scrypt', N: 1 << 17, r: 8, p: 1 } as const;
const SHA_LEN = 32;

interface Header {
  kdf: { alg: 'scrypt'; N: number; r: number; p: number; salt: string };
  aead: 'chacha20-poly1305';
  nonce: string;
  /** Ciphertext bytes (with the 16-byte tag). */
  length: number;
  keyCheck: string;
}

function deriveKeys(passphrase: string, salt: Buffer, kdf: Pick<Header['kdf'], 'N' | 'r' | 'p'>): Promise<{ key: Buffer; check: Buffer }> {
  return new Promise((resolve, reject) => {
    const maxmem = 128 * kdf.N * kdf.r * 2;
    scrypt(passphrase.normalize('NFC'), salt, 64, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (err, out) => {
      if (err) return reject(new BerthError('BAD_BUNDLE', `The bundle's key derivation failed: ${err.message}`));
      resolve({ key: out.subarray(0, 32), check: createHash('sha256').update('berth-bundle key check').update(out.subarray(32)).digest() });
    });
  });
}

export async function sealBundle(payload: Buffer, passphrase: string): Promise<Buffer> {
  if (!passphrase) throw new BerthError('INVALID_PAYLOAD', 'A passphrase is needed to encrypt the bundle');
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const { key, check } = await deriveKeys(passphrase, salt, KDF);
  const header: Header = {
    kdf: { ...KDF, salt: salt.toString('base64') },
    aead: 'chacha20-poly1305',
    nonce: nonce.toString('base64'),
    length: payload.length + 16,
    keyCheck: check.toString('base64'),
  };
  const head = Buffer.from(`${BUNDLE_MAGIC} ${BUNDLE_VERSION}\n${JSON.stringify(header)}\n`, 'utf8');
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  cipher.setAAD(head, { plaintextLength: payload.length });
  const body = Buffer.concat([cipher.update(payload), cipher.final(), cipher.getAuthTag()]);
  const sealed = Buffer.concat([head, body]);
  return Buffer.concat([sealed, createHash('sha256').update(sealed).digest()]);
}

function bad(what: string, message: string): BerthError {
  return new BerthError('BAD_BUNDLE', `${what} ${message}`);
}

/** The header's fields, each checked: a file that only looks like a bundle is "damaged", never a TypeError. */
function parseHeader(line: string, what: string): Header {
  let h: Partial<Header>;
  try {
    h = JSON.parse(line) as Partial<Header>;
  } catch {
    throw bad(what, 'is damaged: its header is not readable');
  }
  const int = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
  const k = h.kdf;
  if (
    !k ||
    k.alg !== 'scrypt' ||
    !int(k.N) ||
    !int(k.r) ||
    !int(k.p) ||
    k.N > 1 << 20 ||
    k.r > 32 ||
    k.p > 16 ||
    typeof k.salt !== 'string' ||
    h.aead !== 'chacha20-poly1305' ||
    typeof h.nonce !== 'string' ||
    !int(h.length) ||
    typeof h.keyCheck !== 'string'
  ) {
    throw bad(what, 'is damaged: its header is not what this Berth writes');
  }
  return h as Header;
}

/**
 * Opens a bundle. Each way it can fail has its own BAD_BUNDLE / WRONG_PASSPHRASE message, checked
 * in an order that makes the message true: not a bundle, newer version, truncated, damaged, wrong
 * passphrase, altered. `what` names the file in those messages.
 */
export async function openBundle(file: Buffer, passphrase: string, what = 'The bundle'): Promise<Buffer> {
  const firstNl = file.indexOf(0x0a);
  const magic = file.subarray(0, firstNl < 0 ? Math.min(file.length, 64) : firstNl).toString('latin1');
  const m = /^berth-machine-bundle (\d+)$/.exec(magic);
  if (!m) throw bad(what, `is not a Berth machine bundle (it does not start with "${BUNDLE_MAGIC}")`);
  const version = Number(m[1]);
  if (version !== BUNDLE_VERSION) {
    throw bad(what, `is a Berth machine bundle of format version ${version}; this Berth reads version ${BUNDLE_VERSION}${version > BUNDLE_VERSION ? ': update Berth to import it' : ''}`);
  }
  const secondNl = file.indexOf(0x0a, firstNl + 1);
  if (secondNl < 0) throw bad(what, `is truncated: it ends inside its header (${file.length} bytes)`);
  const header = parseHeader(file.subarray(firstNl + 1, secondNl).toString('utf8'), what);
  const bodyStart = secondNl + 1;
  const expected = bodyStart + header.length + SHA_LEN;
  if (file.length < expected) throw bad(what, `is truncated: ${file.length} of ${expected} bytes; copy it again`);
  if (file.length > expected) throw bad(what, `is damaged: ${file.length - expected} bytes more than its header says`);
  const sealed = file.subarray(0, expected - SHA_LEN);
  if (!createHash('sha256').update(sealed).digest().equals(file.subarray(expected - SHA_LEN))) {
    throw bad(what, 'is damaged: its checksum does not match its contents (a byte was changed); copy it again');
  }
  const { key, check } = await deriveKeys(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  const stored = Buffer.from(header.keyCheck, 'base64');
  if (stored.length !== check.length || !timingSafeEqual(stored, check)) {
    throw new BerthError('WRONG_PASSPHRASE', `Wrong passphrase for ${what === 'The bundle' ? 'the bundle' : what}`);
  }
  const body = file.subarray(bodyStart, bodyStart + header.length);
  try {
    const decipher = createDecipheriv('chacha20-poly1305', key, Buffer.from(header.nonce, 'base64'), { authTagLength: 16 });
    decipher.setAAD(file.subarray(0, bodyStart), { plaintextLength: body.length - 16 });
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
  } catch {
    throw bad(what, 'was altered: its contents fail authentication with this passphrase (someone changed the file and its checksum)');
  }
}

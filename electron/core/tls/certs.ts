import { createPrivateKey, createPublicKey, randomBytes, webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomicWrite';
import { certSans } from './certInfo';
import { withStoreLock } from '../store/storeLock';

/**
 * docker-machine's TLS, made in-process with WebCrypto (no openssl processes): RSA 2048, a random
 * 128-bit serial, valid from 5 minutes ago for 1080 days, no CN. One CA and client cert per store
 * (certs/), one server cert per machine with the machine's SANs.
 */
const crypto = webcrypto as unknown as Crypto;

/**
 * The X.509 library (with the metadata polyfill it needs) on WebCrypto, loaded on first use: only
 * making or checking certificates needs it, not `berth env` nor the browser host's start.
 */
async function x509Lib(): Promise<typeof import('@peculiar/x509')> {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(crypto);
  return x509;
}

const RSA: RsaHashedKeyGenParams = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
const VALID_DAYS = 1080;

export interface CertPair {
  certPem: string;
  /** PKCS#1 "RSA PRIVATE KEY", as docker-machine writes (and reads) it. */
  keyPem: string;
}

export interface StoreCerts {
  dir: string;
  caPath: string;
  caKeyPath: string;
  certPath: string;
  keyPath: string;
}

/** docker-machine's `--tls-ca-cert`, `--tls-ca-key`, `--tls-client-cert`, `--tls-client-key`: files used instead of the store's. */
export type CertFileOverrides = Partial<Omit<StoreCerts, 'dir'>>;

export function storeCertPaths(storePath: string): StoreCerts {
  const dir = join(storePath, 'certs');
  return { dir, caPath: join(dir, 'ca.pem'), caKeyPath: join(dir, 'ca-key.pem'), certPath: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem') };
}

function validity(now = Date.now()): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(now - 5 * 60_000), notAfter: new Date(now + VALID_DAYS * 86_400_000) };
}

const serial = (): string => {
  const bytes = randomBytes(16);
  bytes[0]! &= 0x7f; // a positive INTEGER
  return bytes.toString('hex');
};

async function keyPemOf(key: CryptoKey): Promise<string> {
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs1', format: 'pem' }).toString();
}

async function importKeyPem(pem: string): Promise<CryptoKey> {
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  return crypto.subtle.importKey('pkcs8', der, RSA, true, ['sign']);
}

const generateKeys = (): Promise<CryptoKeyPair> => crypto.subtle.generateKey(RSA, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;

export async function createCa(org: string): Promise<CertPair> {
  const x509 = await x509Lib();
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `O=${org}`,
    ...validity(),
    keys,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyAgreement | x509.KeyUsageFlags.keyCertSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await keyPemOf(keys.privateKey) };
}

/** A leaf signed by the CA: a client cert (no SANs) or a server cert (SANs, IPs and names). */
export async function createLeaf(ca: CertPair, opts: { org: string; usage: 'client' | 'server'; sans?: string[] }): Promise<CertPair> {
  const x509 = await x509Lib();
  const keys = await generateKeys();
  const caCert = new x509.X509Certificate(ca.certPem);
  const sans = [...new Set(opts.sans ?? [])].map((s) => (isIP(s) ? { type: 'ip' as const, value: s } : { type: 'dns' as const, value: s }));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `O=${opts.org}`,
    issuer: caCert.subject,
    ...validity(),
    publicKey: keys.publicKey,
    signingKey: await importKeyPem(ca.keyPem),
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyAgreement, true),
      new x509.ExtendedKeyUsageExtension([opts.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
      ...(sans.length > 0 ? [new x509.SubjectAlternativeNameExtension(sans)] : []),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await keyPemOf(keys.privateKey) };
}

/**
 * Whether a machine's existing server certificate can stay: signed by this CA, naming every address
 * clients use, and not within `minDaysLeft` of expiry. Provisioning again keeps such a certificate,
 * so Docker need not restart when nothing changed.
 */
export async function leafStillServes(leaf: CertPair, ca: CertPair, sans: string[], now = new Date(), minDaysLeft = 30): Promise<boolean> {
  const x509 = await x509Lib();
  try {
    const cert = new x509.X509Certificate(leaf.certPem);
    const caCert = new x509.X509Certificate(ca.certPem);
    if (cert.issuer !== caCert.subject || !(await cert.verify({ publicKey: await caCert.publicKey.export(), signatureOnly: true }))) return false;
    if (cert.notAfter.getTime() - now.getTime() < minDaysLeft * 86_400_000) return false;
    // The key beside it must be the certificate's own.
    if (!createPublicKey(leaf.keyPem).export({ type: 'spki', format: 'der' }).equals(Buffer.from(cert.publicKey.rawData))) return false;
    const names = new Set(certSans(leaf.certPem));
    return sans.every((s) => names.has(s));
  } catch {
    return false;
  }
}

/** docker-machine's organisation names: $USER for the CA, $USER.<name> for leaves. */
export function certOrg(suffix?: string): string {
  const user = process.env.USER || userInfo().username;
  return suffix ? `${user}.${suffix}` : user;
}

/**
 * The store's CA and client cert: loaded when present (docker-machine's are used as they are), else
 * made once. Under the store lock: two creates at once on a new store must not each make a CA (the
 * loser's machines would carry certificates the store's CA never signed). An existing CA is never
 * replaced; only a missing client certificate is made from it.
 */
export async function ensureStoreCerts(storePath: string, given: CertFileOverrides = {}): Promise<{ paths: StoreCerts; ca: CertPair }> {
  const paths = { ...storeCertPaths(storePath), ...given };
  const all = (): boolean => [paths.caPath, paths.caKeyPath, paths.certPath, paths.keyPath].every((p) => existsSync(p));
  const load = async (): Promise<CertPair> => ({ certPem: await readFile(paths.caPath, 'utf8'), keyPem: await readFile(paths.caKeyPath, 'utf8') });
  if (all()) return { paths, ca: await load() };
  return withStoreLock(paths.caPath, async () => {
    if (all()) return { paths, ca: await load() };
    let ca: CertPair;
    if (existsSync(paths.caPath) && existsSync(paths.caKeyPath)) {
      ca = await load();
    } else {
      ca = await createCa(certOrg());
      await writeFileAtomic(paths.caKeyPath, ca.keyPem, 0o600);
      await writeFileAtomic(paths.caPath, ca.certPem, 0o644);
    }
    const client = await createLeaf(ca, { org: certOrg('bootstrap'), usage: 'client' });
    await writeFileAtomic(paths.keyPath, client.keyPem, 0o600);
    await writeFileAtomic(paths.certPath, client.certPem, 0o644);
    return { paths, ca };
  });
}

/** Copies the client material into a machine's directory, where env's DOCKER_CERT_PATH points. */
export async function copyClientCertsToMachine(paths: StoreCerts, machineDir: string): Promise<void> {
  await writeFileAtomic(join(machineDir, 'ca.pem'), await readFile(paths.caPath), 0o644);
  await writeFileAtomic(join(machineDir, 'cert.pem'), await readFile(paths.certPath), 0o644);
  await writeFileAtomic(join(machineDir, 'key.pem'), await readFile(paths.keyPath), 0o600);
}

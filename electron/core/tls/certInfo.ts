import { readFile } from 'node:fs/promises';
import type { CertInfo } from '../../../shared/types';

const WARN_DAYS = 30;

/**
 * The X.509 library (with the metadata polyfill it needs), loaded on first use: commands that never
 * read a certificate (`berth env`) start faster.
 */
export async function loadX509(): Promise<typeof import('@peculiar/x509')> {
  await import('reflect-metadata');
  return import('@peculiar/x509');
}

/** Expiry and names of a PEM certificate; `now` is a parameter so tests can move time. */
export async function describeCert(pem: string, file: string, now = new Date()): Promise<CertInfo> {
  const x509 = await loadX509();
  const cert = new x509.X509Certificate(pem);
  const ext = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const sans = ext ? ext.names.items.map((n) => n.value) : [];
  return {
    file,
    notAfter: cert.notAfter.toISOString(),
    expiresSoon: cert.notAfter.getTime() - now.getTime() < WARN_DAYS * 86_400_000,
    sans,
  };
}

export async function readCertInfo(file: string, now = new Date()): Promise<CertInfo> {
  return await describeCert(await readFile(file, 'utf8'), file, now);
}

/**
 * Why Docker clients will refuse the machine's server certificate, or null: its recorded IP (or
 * host name) must be one of the certificate's names (docker-machine users met this as x509 errors
 * after a DHCP lease changed).
 */
export function ipMismatch(ip: string | null, sans: string[]): string | null {
  if (!ip || sans.length === 0) return null;
  const normal = (v: string): string => v.toLowerCase().replace(/^\[|\]$/g, '');
  if (sans.some((s) => normal(s) === normal(ip))) return null;
  return `The machine's address ${ip} is not in its server certificate (${sans.join(', ')}): Docker clients will fail with x509 errors. Regenerate the certificates.`;
}

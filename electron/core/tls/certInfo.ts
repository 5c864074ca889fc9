import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { CertInfo } from '../../../shared/types';

const WARN_DAYS = 30;

/**
 * A SAN as Berth records addresses: Node prints an IPv6 one uncompressed (0:0:0:0:0:0:0:1), a
 * record keeps it as typed, compressed (::1).
 */
function sanValue(entry: string): string {
  const [kind, ...rest] = entry.split(':');
  const value = rest.join(':');
  if (kind === 'IP Address' && value.includes(':')) return new URL(`http://[${value}]`).hostname.slice(1, -1);
  return value;
}

/**
 * Expiry and names of a PEM certificate; `now` is a parameter so tests can move time. Node's own
 * X509Certificate: the machine list reads every machine's certificate, and the X.509 library took
 * ~100 ms to load before the browser host's first list.
 */
export function describeCert(pem: string, file: string, now = new Date()): CertInfo {
  const cert = new X509Certificate(pem);
  const notAfter = new Date(cert.validTo);
  return {
    file,
    notAfter: notAfter.toISOString(),
    expiresSoon: notAfter.getTime() - now.getTime() < WARN_DAYS * 86_400_000,
    sans: sansOf(cert),
  };
}

/** The SANs of a certificate (IP addresses and DNS names), e.g. to detect an IP change. */
export function certSans(certPem: string): string[] {
  return sansOf(new X509Certificate(certPem));
}

const sansOf = (cert: X509Certificate): string[] => (cert.subjectAltName ? cert.subjectAltName.split(', ').map(sanValue) : []);

export async function readCertInfo(file: string, now = new Date()): Promise<CertInfo> {
  return describeCert(await readFile(file, 'utf8'), file, now);
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

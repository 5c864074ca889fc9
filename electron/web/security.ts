import { createHash, timingSafeEqual } from 'node:crypto';
import { WS_TOKEN_PROTOCOL_PREFIX } from '../../shared/ipc';

/** Constant-time token comparison (hashing first makes the lengths equal). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** The token a page offers as a WebSocket subprotocol `berth-token.<hex>`, if any. */
export function tokenFromProtocols(header: string | undefined): string | null {
  if (!header) return null;
  const offered = header.split(',').map((p) => p.trim());
  const token = offered.find((p) => p.startsWith(WS_TOKEN_PROTOCOL_PREFIX));
  return token ? token.slice(WS_TOKEN_PROTOCOL_PREFIX.length) : null;
}

/** The strict CSP of the app's pages; styles stay inline-capable because xterm and React set them. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every page and file of the app is served with, in the browser host and by Electron's app:// handler. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** A response with the security headers added (the meta CSP alone does not cover every file type). */
export function withSecurityHeaders(res: Response): Response {
  const headers = new Headers(res.headers);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) headers.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: number; reason: string };

/** Decides whether a WebSocket upgrade may reach the core: right path, Host, Origin and token. */
export function checkUpgrade(
  req: { url?: string; headers: Record<string, string | string[] | undefined> },
  servedHost: string,
  token: string,
): UpgradeVerdict {
  const header = (name: string): string | undefined => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  if (req.url !== '/ws') return { ok: false, status: 404, reason: 'not found' };
  if (header('host') !== servedHost) return { ok: false, status: 403, reason: 'foreign Host' };
  if (header('origin') !== `http://${servedHost}`) return { ok: false, status: 403, reason: 'foreign Origin' };
  const offered = tokenFromProtocols(header('sec-websocket-protocol'));
  if (offered === null || !tokensEqual(offered, token)) return { ok: false, status: 401, reason: 'wrong or missing token' };
  return { ok: true };
}

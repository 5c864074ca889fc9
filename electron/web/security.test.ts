import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../core/ipc/senderCheck';
import { checkUpgrade, CONTENT_SECURITY_POLICY, tokenFromProtocols, tokensEqual, withSecurityHeaders } from './security';

const HOST = '127.0.0.1:4000';
const TOKEN = 'a'.repeat(64);
const good = {
  url: '/ws',
  headers: { host: HOST, origin: `http://${HOST}`, 'sec-websocket-protocol': `berth.v1, berth-token.${TOKEN}` },
};

describe('checkUpgrade', () => {
  it('admits the page with the right Host, Origin and token', () => {
    expect(checkUpgrade(good, HOST, TOKEN)).toEqual({ ok: true });
  });

  it.each([
    ['a wrong token', { 'sec-websocket-protocol': `berth.v1, berth-token.${'b'.repeat(64)}` }, 401],
    ['a token prefix', { 'sec-websocket-protocol': `berth.v1, berth-token.${TOKEN.slice(0, 10)}` }, 401],
    ['no token', { 'sec-websocket-protocol': 'berth.v1' }, 401],
    ['no protocols at all', { 'sec-websocket-protocol': undefined }, 401],
    ['a foreign Origin', { origin: 'http://evil.example' }, 403],
    ['no Origin', { origin: undefined }, 403],
    ['localhost instead of the served Host', { host: 'localhost:4000' }, 403],
    ['a rebinding Host', { host: 'evil.example:4000', origin: 'http://evil.example:4000' }, 403],
  ])('refuses %s', (_why, headers, status) => {
    const verdict = checkUpgrade({ ...good, headers: { ...good.headers, ...headers } }, HOST, TOKEN);
    expect(verdict).toMatchObject({ ok: false, status });
  });

  it('refuses other paths', () => {
    expect(checkUpgrade({ ...good, url: '/other' }, HOST, TOKEN)).toMatchObject({ ok: false, status: 404 });
  });
});

describe('tokens', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['ab', 'abc', false],
    ['', 'abc', false],
  ])('tokensEqual(%j, %j) = %s', (a, b, expected) => {
    expect(tokensEqual(a, b)).toBe(expected);
  });

  it.each([
    ['berth.v1, berth-token.xyz', 'xyz'],
    ['berth-token.q', 'q'],
    ['berth.v1', null],
    [undefined, null],
  ])('tokenFromProtocols(%j) = %j', (header, token) => {
    expect(tokenFromProtocols(header)).toBe(token);
  });
});

describe('isTrustedSender (Electron IPC)', () => {
  it.each([
    ['app://berth/index.html', true, undefined, true],
    ['app://berth/index.html', false, undefined, false],
    ['app://other/index.html', true, undefined, false],
    ['https://evil.example/', true, undefined, false],
    ['file:///etc/passwd', true, undefined, false],
    ['http://localhost:5173/', true, 'http://localhost:5173', true],
    ['http://localhost:5174/', true, 'http://localhost:5173', false],
    [undefined, true, undefined, false],
    ['not a url', true, undefined, false],
  ])('%s top=%s dev=%s → %s', (url, top, dev, expected) => {
    expect(isTrustedSender(url, top, dev)).toBe(expected);
  });
});

describe('withSecurityHeaders (the app:// handler of Electron)', () => {
  it('adds the CSP and nosniff to a file response, keeping its status, type and body', async () => {
    const res = withSecurityHeaders(new Response('body', { status: 200, headers: { 'content-type': 'text/javascript' } }));
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('text/javascript');
    expect([res.status, await res.text()]).toEqual([200, 'body']);
  });
});

describe('packaging (electron-builder.yml)', () => {
  it('flips the Electron fuses that would let anyone run the app as Node or load other code', () => {
    const yml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
    const fuses = Object.fromEntries([...yml.matchAll(/^ {2}(\w+): (true|false)$/gm)].map((m) => [m[1], m[2] === 'true']));
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});

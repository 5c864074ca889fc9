import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_STORE } from '../../../e2e/fixtures/fixtureStore';
import { createCa, createLeaf } from './certs';
import { certSans, describeCert, ipMismatch } from './certInfo';

describe('ipMismatch', () => {
  it.each([
    ['10.0.0.5', ['10.0.0.5', 'localhost'], null],
    ['Docker.Example.com', ['docker.example.com'], null],
    ['::1', ['[::1]'], null],
    [null, ['10.0.0.5'], null],
    ['10.0.0.9', [], null],
    ['10.0.0.9', ['10.0.0.5', 'localhost'], /^The machine's address 10\.0\.0\.9 is not in its server certificate \(10\.0\.0\.5, localhost\)/],
  ])('%s in %j', (ip, sans, expected) => {
    const result = ipMismatch(ip, sans);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatch(expected);
  });
});

describe('describeCert', () => {
  it('reads the names and expiry, and warns 30 days ahead', async () => {
    const ca = await createCa('berth-test');
    const leaf = await createLeaf(ca, { org: 'berth-test.m1', usage: 'server', sans: ['192.0.2.7', 'localhost', 'docker.example.com'] });
    const info = describeCert(leaf.certPem, '/m/server.pem');
    expect(info.sans).toEqual(['192.0.2.7', 'localhost', 'docker.example.com']);
    expect(info.file).toBe('/m/server.pem');
    expect(info.expiresSoon).toBe(false);
    const notAfter = new Date(info.notAfter);
    expect(describeCert(leaf.certPem, 'f', new Date(notAfter.getTime() - 29 * 86_400_000)).expiresSoon).toBe(true);
    expect(describeCert(leaf.certPem, 'f', new Date(notAfter.getTime() - 31 * 86_400_000)).expiresSoon).toBe(false);
  });

  it('gives an IPv6 name as a record keeps it (compressed), in the list and in the re-provisioning check', async () => {
    const ca = await createCa('berth-test');
    const leaf = await createLeaf(ca, { org: 'berth-test.m1', usage: 'server', sans: ['2001:db8::7', '::1', 'localhost'] });
    expect(describeCert(leaf.certPem, 'f').sans).toEqual(['2001:db8::7', '::1', 'localhost']);
    expect(certSans(leaf.certPem)).toEqual(['2001:db8::7', '::1', 'localhost']);
  });

  it('reads a certificate docker-machine made', async () => {
    const pem = await readFile(join(FIXTURE_STORE, 'machines', 'deb1', 'server.pem'), 'utf8');
    expect(describeCert(pem, 'f')).toMatchObject({ notAfter: '2029-11-06T10:27:00.000Z', sans: ['docker.example.com', 'localhost', '127.0.0.3'] });
  });
});

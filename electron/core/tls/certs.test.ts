import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer as createTlsServer, connect as tlsConnect } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_STORE } from '../../../e2e/fixtures/fixtureStore';
import { certSans, describeCert } from './certInfo';
import { createCa, createLeaf, ensureStoreCerts, leafStillServes } from './certs';

describe('TLS certificates', () => {
  let store: string;
  beforeAll(async () => {
    store = await mkdtemp(join(tmpdir(), 'berth-tls-'));
  });
  afterAll(async () => {
    await rm(store, { recursive: true, force: true });
  });

  it('makes the store CA and client cert once, with docker-machine file names and modes', async () => {
    const { paths } = await ensureStoreCerts(store);
    expect((await stat(paths.caKeyPath)).mode & 0o777).toBe(0o600);
    expect((await stat(paths.keyPath)).mode & 0o777).toBe(0o600);
    expect(await readFile(paths.caKeyPath, 'utf8')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const ca = await readFile(paths.caPath, 'utf8');
    const again = await ensureStoreCerts(store);
    expect(again.ca.certPem).toBe(ca);
    const days = (Date.parse(describeCert(ca, 'ca.pem').notAfter) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(1079);
    expect(days).toBeLessThan(1081);
  });

  it('signs server certs with IP and DNS SANs that a TLS client verifies, with mutual auth', async () => {
    const { paths, ca } = await ensureStoreCerts(store);
    const server = await createLeaf(ca, { org: 'u.m1', usage: 'server', sans: ['127.0.0.1', 'localhost', 'docker.example.com', '127.0.0.1'] });
    expect(certSans(server.certPem)).toEqual(['127.0.0.1', 'localhost', 'docker.example.com']);
    const tls = createTlsServer({ cert: server.certPem, key: server.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: true }, (s) =>
      s.end('hello'),
    );
    await new Promise<void>((ok) => tls.listen(0, '127.0.0.1', ok));
    const port = (tls.address() as AddressInfo).port;
    const read = (host: string, withClientCert: boolean): Promise<string> =>
      new Promise((resolve, reject) => {
        const s = tlsConnect({
          host: '127.0.0.1',
          servername: isNaN(Number(host[0])) ? host : undefined,
          port,
          ca: ca.certPem,
          ...(withClientCert ? { cert: readFileSync(paths.certPath), key: readFileSync(paths.keyPath) } : {}),
          checkServerIdentity: (_h, cert) => (cert.subjectaltname?.includes(host) ? undefined : new Error(`${host} not in ${cert.subjectaltname}`)),
        });
        let data = '';
        s.on('data', (d: Buffer) => (data += d.toString()));
        s.on('end', () => resolve(data));
        s.on('error', reject);
      });
    expect(await read('127.0.0.1', true)).toBe('hello');
    await expect(read('127.0.0.1', false)).rejects.toThrow();
    tls.close();
  });

  it('openssl agrees: server cert verifies against the CA, with serverAuth', async () => {
    const { ca } = await ensureStoreCerts(store);
    const server = await createLeaf(ca, { org: 'u.m2', usage: 'server', sans: ['10.0.0.5'] });
    await writeFile(join(store, 's.pem'), server.certPem);
    const out = await new Promise<string>((resolve) =>
      execFile('openssl', ['verify', '-purpose', 'sslserver', '-CAfile', join(store, 'certs', 'ca.pem'), join(store, 's.pem')], (err, stdout, stderr) =>
        resolve(err ? `ERR ${stderr}` : stdout),
      ),
    );
    expect(out.trim()).toBe(`${join(store, 's.pem')}: OK`);
  });

  it("reads docker-machine's own certs (PKCS#1 RSA) and signs with its CA", async () => {
    const ca = { certPem: await readFile(join(FIXTURE_STORE, 'certs', 'ca.pem'), 'utf8'), keyPem: await readFile(join(FIXTURE_STORE, 'certs', 'ca-key.pem'), 'utf8') };
    const leaf = await createLeaf(ca, { org: 'dev.gen1', usage: 'server', sans: ['127.0.0.1'] });
    expect(certSans(leaf.certPem)).toEqual(['127.0.0.1']);
    expect(certSans(await readFile(join(FIXTURE_STORE, 'machines', 'deb1', 'server.pem'), 'utf8'))).toEqual(['docker.example.com', 'localhost', '127.0.0.3']);
  });
});

describe('leafStillServes (provisioning again keeps a certificate that still serves)', () => {
  it('keeps a certificate of this CA naming every address, and refuses one that does not fit', async () => {
    const ca = await createCa('test');
    const other = await createCa('other');
    const leaf = await createLeaf(ca, { org: 'test.m', usage: 'server', sans: ['10.0.0.5', 'localhost'] });
    const foreign = await createLeaf(other, { org: 'test.m', usage: 'server', sans: ['10.0.0.5', 'localhost'] });
    const second = await createLeaf(ca, { org: 'test.m', usage: 'server', sans: ['10.0.0.5', 'localhost'] });
    const cases: [string, Promise<boolean>, boolean][] = [
      ['its own CA, every address', leafStillServes(leaf, ca, ['10.0.0.5', 'localhost']), true],
      ['a subset of its names', leafStillServes(leaf, ca, ['10.0.0.5']), true],
      ['an address it does not name (the IP changed)', leafStillServes(leaf, ca, ['10.0.0.6', 'localhost']), false],
      ["another CA's certificate", leafStillServes(foreign, ca, ['10.0.0.5']), false],
      ['expiring within 30 days', leafStillServes(leaf, ca, ['10.0.0.5'], new Date(Date.now() + 1060 * 86_400_000)), false],
      ['a key that is not its own', leafStillServes({ certPem: leaf.certPem, keyPem: second.keyPem }, ca, ['10.0.0.5']), false],
      ['garbage', leafStillServes({ certPem: 'x', keyPem: 'y' }, ca, ['10.0.0.5']), false],
    ];
    for (const [name, verdict, expected] of cases) expect(await verdict, name).toBe(expected);
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFiles } from './seed';
import { isoImage, isoName, seedIso } from './seedIso';

// The image is read back by Debian's xorriso (a real ISO 9660 reader, not this writer's own idea of
// one); the VM test (e2e/hosts/vm.integration.test.ts) boots the test image with it as a CD-ROM.
const xorriso = (args: string[]): Promise<string> =>
  promisify(execFile)('xorriso', args, { encoding: 'utf8' }).then((r) => `${r.stdout}${r.stderr}`);

describe('the cloud-init seed ISO, read back by xorriso', () => {
  let dir: string;
  let iso: string;
  const files = { ...seedFiles('vb1', 'docker', 'ssh-ed25519 AAAAC3Nza test@host'), 'big.txt': 'x'.repeat(5000) + 'end' };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-iso-'));
    iso = join(dir, 'seed.iso');
    await writeFile(iso, isoImage(files, 'cidata'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is labelled cidata in both volume descriptors', async () => {
    expect(await xorriso(['-indev', iso, '-pvd_info'])).toMatch(/^Volume Id {4}: cidata$/m);
    expect(await xorriso(['-read_fs', 'ecma119', '-indev', iso, '-pvd_info'])).toMatch(/^Volume Id {4}: cidata$/m);
    expect(seedIso(seedFiles('a', 'b', 'c')).subarray(32768 + 40, 32768 + 46).toString('ascii')).toBe('cidata');
  });

  it('holds the files under their exact names (Joliet) with their contents, across sectors', async () => {
    const out = join(dir, 'out');
    await xorriso(['-osirrox', 'on', '-indev', iso, '-extract', '/', out]);
    for (const [name, content] of Object.entries(files)) expect(await readFile(join(out, name), 'utf8')).toBe(content);
  });

  it('names them in d-characters for readers without Joliet', async () => {
    const listing = await xorriso(['-read_fs', 'ecma119', '-indev', iso, '-ls', '/']);
    expect(listing).toContain("'META_DATA'");
    expect(listing).toContain("'USER_DATA'");
    expect(listing).toContain("'BIG.TXT'");
  });

  it('passes xorriso\'s media check (every block readable, sizes consistent)', async () => {
    expect(await xorriso(['-indev', iso, '-check_media', '--'])).toMatch(/Media region : +0 , +\d+ , \+ good/);
  });
});

describe('isoName', () => {
  it.each([
    ['user-data', 'USER_DATA.;1'],
    ['meta-data', 'META_DATA.;1'],
    ['network-config', 'NETWORK_CONFIG.;1'],
    ['a.tar.gz', 'A_TAR.GZ;1'],
    ['readme.markdown', 'README.MAR;1'],
  ])('%s → %s', (name, iso) => expect(isoName(name)).toBe(iso));

  it('refuses names that collide and labels it cannot write', () => {
    expect(() => isoImage({ 'a-b': '', a_b: '' }, 'cidata')).toThrow(/same ISO 9660 name/);
    expect(() => isoImage({}, 'ci data')).toThrow(/not a volume label/);
  });
});

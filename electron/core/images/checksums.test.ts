import { describe, expect, it } from 'vitest';
import { parseChecksum, parseChecksumList } from './checksums';

const h256 = 'a'.repeat(64);
const h512 = 'B'.repeat(128);

describe('parseChecksumList', () => {
  it.each([
    ['GNU text mode', `${h256}  disk.qcow2`, 'disk.qcow2', { algorithm: 'sha256', hex: h256 }],
    ['GNU binary mode (Ubuntu)', `${h256} *noble-server-cloudimg-amd64.img`, 'noble-server-cloudimg-amd64.img', { algorithm: 'sha256', hex: h256 }],
    ['SHA-512, upper case hex (Debian)', `${h512}  debian-12-genericcloud-amd64.qcow2`, 'debian-12-genericcloud-amd64.qcow2', { algorithm: 'sha512', hex: h512.toLowerCase() }],
    ['BSD tag', `SHA256 (disk.qcow2) = ${h256}`, 'disk.qcow2', { algorithm: 'sha256', hex: h256 }],
    ['leading ./', `${h256}  ./disk.qcow2`, 'disk.qcow2', { algorithm: 'sha256', hex: h256 }],
    ['CRLF line ends', `${h256}  disk.qcow2\r\n`, 'disk.qcow2', { algorithm: 'sha256', hex: h256 }],
  ])('%s', (_what, text, name, expected) => {
    expect(parseChecksumList(text).get(name)).toEqual(expected);
  });

  it('skips lines that are not checksums and keeps the others', () => {
    const list = parseChecksumList(['-----BEGIN PGP SIGNED MESSAGE-----', '# comment', `${'c'.repeat(40)}  sha1-only.img`, `${h256}  a.img`, `${h512}  b.img`].join('\n'));
    expect([...list.keys()]).toEqual(['a.img', 'b.img']);
  });
});

describe('parseChecksum', () => {
  it.each([
    [`sha256:${h256}`, { algorithm: 'sha256', hex: h256 }],
    [`SHA512:${h512}`, { algorithm: 'sha512', hex: h512.toLowerCase() }],
    [h256, { algorithm: 'sha256', hex: h256 }],
    [`sha512:${h256}`, null],
    ['md5:abc', null],
    ['sha256:xyz', null],
  ])('%s', (spec, expected) => {
    expect(parseChecksum(spec)).toEqual(expected);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openBundle, sealBundle } from './bundleCrypto';

const payload = Buffer.from(JSON.stringify({ machines: [{ name: 'a', key: '-----BEGIN PRIVATE KEY-----' }] }));

/** A copy with the checksum made anew, as someone altering the file on purpose would. */
function withChecksum(file: Buffer): Buffer {
  const body = file.subarray(0, file.length - 32);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

describe('machine bundle sealing', () => {
  it('round-trips, and the payload is not readable in the file', async () => {
    const file = await sealBundle(payload, 'correct horse');
    expect(file.toString('latin1')).not.toContain('PRIVATE KEY');
    expect(file.toString('latin1').startsWith('berth-machine-bundle 1\n')).toBe(true);
    expect((await openBundle(file, 'correct horse')).equals(payload)).toBe(true);
  });

  it('refuses an empty passphrase', async () => {
    await expect(sealBundle(payload, '')).rejects.toThrow(/passphrase is needed/);
  });

  it('says which of the ways it fails each damaged file takes', async () => {
    const file = await sealBundle(payload, 'pw');
    const headerEnd = file.indexOf(0x0a, file.indexOf(0x0a) + 1) + 1;
    const flip = (at: number): Buffer => {
      const copy = Buffer.from(file);
      copy[at]! ^= 0x01;
      return copy;
    };
    const cases: Array<[string, Buffer, string, RegExp]> = [
      ['wrong passphrase', file, 'PW', /^Wrong passphrase for the bundle$/],
      ['not a bundle', Buffer.from('{"machines":[]}'), 'pw', /is not a Berth machine bundle/],
      ['a newer format', Buffer.concat([Buffer.from('berth-machine-bundle 7\n'), file.subarray(file.indexOf(0x0a) + 1)]), 'pw', /format version 7; this Berth reads version 1: update Berth/],
      ['truncated in the body', file.subarray(0, file.length - 40), 'pw', /is truncated: \d+ of \d+ bytes/],
      ['truncated in the header', file.subarray(0, 30), 'pw', /is truncated: it ends inside its header/],
      ['longer than its header says', Buffer.concat([file, Buffer.from('x')]), 'pw', /is damaged: 1 bytes more/],
      ['a byte of the body changed', flip(headerEnd + 5), 'pw', /is damaged: its checksum does not match/],
      ['the checksum changed', flip(file.length - 1), 'pw', /is damaged: its checksum does not match/],
      ['the header made unreadable', Buffer.concat([file.subarray(0, headerEnd - 2), Buffer.from('x\n'), file.subarray(headerEnd)]), 'pw', /is damaged: its header is not readable/],
      ['altered with a new checksum', withChecksum(flip(headerEnd + 5)), 'pw', /was altered: its contents fail authentication/],
    ];
    for (const [what, bytes, pass, message] of cases) {
      await expect(openBundle(bytes, pass), what).rejects.toThrow(message);
    }
  });

  it('names the file in its messages', async () => {
    await expect(openBundle(Buffer.from('nope'), 'pw', 'team.berth')).rejects.toThrow(/^team\.berth is not a Berth machine bundle/);
  });
});

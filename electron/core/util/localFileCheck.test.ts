import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLocalFile } from './localFileCheck';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-filecheck-'));
  await writeFile(join(dir, 'id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n');
  await writeFile(join(dir, 'id_rsa'), '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n');
  await writeFile(join(dir, 'id_ed25519.pub'), 'ssh-ed25519 AAAAC3Nz me@host\n');
  const qcow = Buffer.alloc(2 * 1024 * 1024);
  qcow.write('QFI\xfb', 0, 'latin1');
  await writeFile(join(dir, 'disk.qcow2'), qcow);
  await writeFile(join(dir, 'small.img'), Buffer.alloc(4096));
  await writeFile(join(dir, 'secret'), '-----BEGIN OPENSSH PRIVATE KEY-----\n');
  await chmod(join(dir, 'secret'), 0o000);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkLocalFile (the wizard checks files at the field)', () => {
  it.each([
    ['id_ed25519', 'ssh-key', null],
    ['id_rsa', 'ssh-key', null],
    ['id_ed25519.pub', 'ssh-key', 'Not a private key (a .pub file, or another kind of file?)'],
    ['missing', 'ssh-key', 'No such file'],
    ['', 'ssh-key', 'That is a folder, not a file'],
    ['disk.qcow2', 'vm-image', null],
    ['small.img', 'vm-image', 'Too small to be a VM image'],
  ] as const)('%s as %s', async (file, purpose, want) => {
    expect(await checkLocalFile(join(dir, file), purpose)).toBe(want);
  });

  it('a relative path is refused; an unreadable file is said so (unless root reads everything)', async () => {
    expect(await checkLocalFile('id_rsa', 'ssh-key')).toBe('Give the whole path (starting with / or a drive letter)');
    const unreadable = await checkLocalFile(join(dir, 'secret'), 'ssh-key');
    expect([null, 'Berth may not read this file (permission denied)', 'Not a private key (a .pub file, or another kind of file?)']).toContain(unreadable);
  });
});

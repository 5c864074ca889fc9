import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../../e2e/fixtures/fixtureStore';
import { MachineStore } from '../store/machineStore';
import { machineSshTarget } from './machineSsh';
import { shellQuote } from '../util/shellQuote';
import { fingerprint, hostPattern, keyType } from './hostKeys';
import { describeConnectError, type SshTarget } from './sshSession';

const t: SshTarget = { host: 'srv', port: 2222, user: 'admin', auth: { privateKeyPath: '/k/id' } };
const err = (message: string, extra: Record<string, string> = {}): Error => Object.assign(new Error(message), extra);

describe('describeConnectError', () => {
  it.each([
    [err('getaddrinfo ENOTFOUND srv', { code: 'ENOTFOUND' }), 'UNREACHABLE', 'Cannot resolve "srv" (DNS lookup failed)'],
    [err('getaddrinfo EAI_AGAIN srv', { code: 'EAI_AGAIN' }), 'UNREACHABLE', 'Cannot resolve "srv" (DNS lookup failed)'],
    [err('connect ECONNREFUSED', { code: 'ECONNREFUSED' }), 'UNREACHABLE', 'srv:2222 refused the SSH connection'],
    [err('connect EHOSTUNREACH', { code: 'EHOSTUNREACH' }), 'UNREACHABLE', 'srv is unreachable (EHOSTUNREACH)'],
    [err('Timed out while waiting for handshake'), 'UNREACHABLE', 'srv:2222 did not answer SSH within 15 s'],
    [
      err('All configured authentication methods failed', { level: 'client-authentication' }),
      'SSH_AUTH',
      'SSH login as admin@srv:2222 failed; tried: key /k/id, password',
    ],
    [
      err('Cannot parse privateKey: Encrypted private OpenSSH key detected, but no passphrase given'),
      'SSH_AUTH',
      'Private key /k/id: Cannot parse privateKey: Encrypted private OpenSSH key detected, but no passphrase given',
    ],
    [err('Connection lost before handshake'), 'UNREACHABLE', 'SSH to admin@srv:2222: Connection lost before handshake'],
  ])('%s', (e, code, message) => {
    const out = describeConnectError(e, t, ['key /k/id', 'password'], 15_000);
    expect([out.code, out.message]).toEqual([code, message]);
  });
});

describe('host keys', () => {
  // An ed25519 public key blob: string "ssh-ed25519" then the 32-byte key.
  const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), Buffer.alloc(32, 7)]);
  it('names the key type inside a blob', () => {
    expect(keyType(blob)).toBe('ssh-ed25519');
    expect(keyType(Buffer.alloc(2))).toBe('unknown');
  });
  it('fingerprints like ssh-keygen -lf (SHA256, base64, no padding)', () => {
    expect(fingerprint(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
  it.each([
    ['srv', 22, 'srv'],
    ['srv', 2222, '[srv]:2222'],
    ['10.0.0.5', 2200, '[10.0.0.5]:2200'],
  ])('known_hosts pattern for %s:%d is %s', (host, port, pattern) => {
    expect(hostPattern(host, port)).toBe(pattern);
  });
});

describe('shellQuote', () => {
  it.each([
    ['plain', 'plain'],
    ['/etc/docker/ca.pem', '/etc/docker/ca.pem'],
    ['two words', "'two words'"],
    ["it's", "'it'\\''s'"],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ['a;b', "'a;b'"],
    ['', "''"],
  ])('%j → %s', (input, quoted) => {
    expect(shellQuote(input)).toBe(quoted);
  });
});

describe('machineSshTarget', () => {
  it("finds the machine's key in a store that moved since docker-machine wrote it", async () => {
    const store = await copyFixtureStore();
    try {
      const record = await new MachineStore(store).load('gen1');
      expect(machineSshTarget(record)).toEqual({
        host: '127.0.0.1',
        port: 2222,
        user: 'ubuntu',
        auth: { privateKeyPath: join(store, 'machines', 'gen1', 'id_rsa') },
      });
    } finally {
      await rm(store, { recursive: true, force: true });
    }
  });
});

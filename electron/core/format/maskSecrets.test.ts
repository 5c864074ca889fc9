import { describe, expect, it } from 'vitest';
import { MASK, maskSecrets, maskText, maskValues } from './maskSecrets';

describe('maskSecrets (records)', () => {
  it.each([
    ['a generic driver has nothing to hide', { IPAddress: '10.0.0.5', SSHKeyPath: '/m/id_rsa', SSHKey: '/home/u/.ssh/id_rsa', SSHUser: 'root' }, null],
    ['DigitalOcean token', { AccessToken: 'dop_v1_abc' }, { AccessToken: MASK }],
    ['AWS keys', { AccessKey: 'AKIA123', SecretKey: 's3cr3t', SessionToken: 'tok', KeyName: 'my-key' }, { AccessKey: MASK, SecretKey: MASK, SessionToken: MASK, KeyName: 'my-key' }],
    ['vSphere password, user shown', { Username: 'admin', Password: 'hunter2' }, { Username: 'admin', Password: MASK }],
    ['Azure client secret', { ClientSecret: 'x', SubscriptionID: 'sub-1' }, { ClientSecret: MASK, SubscriptionID: 'sub-1' }],
    ['paths to secrets stay', { PrivateKeyPath: '/k', PasswordFile: '/p', TokenURL: 'https://t' }, null],
    ['empty values stay empty', { Password: '' }, null],
    ['flags and properties of secrets stay', { PasswordEnabled: true, TokenTTL: 5, TokenType: 'bearer' }, null],
    ['an SSH key passphrase', { SSHKeyPassphrase: 'open sesame' }, { SSHKeyPassphrase: MASK }],
    ['a bare Passphrase', { Passphrase: 'x y z' }, { Passphrase: MASK }],
    ['a numeric password', { Password: 123456 }, { Password: MASK }],
    ['a password that is null stays null', { Password: null }, null],
    ['values nested under a secret name', { Credentials: { User: 'u', Key: 'k', Ports: [1, 2] } }, { Credentials: { User: MASK, Key: MASK, Ports: [MASK, MASK] } }],
    ['a list under a secret name', { Tokens: ['a', 'b'] }, { Tokens: [MASK, MASK] }],
    ['a proxy with credentials in Engine Env', { Env: ['HTTP_PROXY=http://user:pass@proxy:3128', 'LANG=C'] }, { Env: [`HTTP_PROXY=http://user:${MASK}@proxy:3128`, 'LANG=C'] }],
    ['an AWS secret in Engine Env', { Env: ['AWS_SECRET_ACCESS_KEY=abc/def', 'AWS_REGION=eu-west-1'] }, { Env: [`AWS_SECRET_ACCESS_KEY=${MASK}`, 'AWS_REGION=eu-west-1'] }],
    ['a registry mirror with credentials', { RegistryMirror: ['https://bob:pw@mirror.example'] }, { RegistryMirror: [`https://bob:${MASK}@mirror.example`] }],
    ['a token in InstallURL', { InstallURL: 'https://get.example/install.sh?token=abc123&channel=stable' }, { InstallURL: `https://get.example/install.sh?token=${MASK}&channel=stable` }],
    ['an engine flag with a password', { ArbitraryFlags: ['registry-password=pw', 'log-level=debug'] }, { ArbitraryFlags: [`registry-password=${MASK}`, 'log-level=debug'] }],
    ['a URL without credentials stays', { InstallURL: 'https://get.docker.com' }, null],
    ['a user without a password stays', { RegistryMirror: ['ssh://git@host/repo'] }, null],
  ])('%s', (_, input, expected) => {
    expect(maskSecrets(input)).toEqual(expected ?? input);
  });

  it('masks inside nested objects and arrays, keeping the shape', () => {
    const config = { Driver: { Password: 'p', Nested: [{ ApiKey: 'k', Zone: 'z' }] }, HostOptions: { EngineOptions: { Env: ['HTTP_PROXY=x'] } } };
    expect(maskSecrets(config)).toEqual({
      Driver: { Password: MASK, Nested: [{ ApiKey: MASK, Zone: 'z' }] },
      HostOptions: { EngineOptions: { Env: ['HTTP_PROXY=x'] } },
    });
  });
});

describe('maskText (logs and messages)', () => {
  it.each([
    ['plain text', 'Setting up docker.io (20.10.24)', null],
    ['a URL password in a log line', 'curl -fsSL https://u:hunter2@repo.example/key.gpg', `curl -fsSL https://u:${MASK}@repo.example/key.gpg`],
    ['an env assignment', 'export GITHUB_TOKEN=ghp_abc; echo ok', `export GITHUB_TOKEN=${MASK}; echo ok`],
    ['a long option', 'dockerd --registry-password=pw --debug', `dockerd --registry-password=${MASK} --debug`],
    ['a quoted value', 'DB_PASSWORD="a b c" run', `DB_PASSWORD=${MASK} run`],
    ['a JSON pair', '{"password": "x", "user": "u"}', `{"password": ${MASK}, "user": "u"}`],
    ['compact JSON', '{"Token":"abc"}', `{"Token":${MASK}}`],
    ['a colon pair', 'password: hunter2', `password: ${MASK}`],
    ['an indented YAML pair', 'auth:\n  token: abc', `auth:\n  token: ${MASK}`],
    ['a YAML list item', '- password: hunter2', `- password: ${MASK}`],
    ['a pair after a log prefix', 'sudo: password: hunter2', `sudo: password: ${MASK}`],
    ['a password ending in a colon', 'password: hunter2:', `password: ${MASK}`],
    ['a pair after a comma', 'user: u, password: hunter2', `user: u, password: ${MASK}`],
    ['a secret word in a sentence stays', 'No SSH credentials: give --generic-ssh-key PATH', null],
    ['a secret word before a colon in an error stays', 'cannot rotate the join tokens: Error response from daemon', null],
    ['a path named like a secret stays', 'SSH_KEY_PATH=/home/u/.ssh/id_rsa', null],
    ['several in one line', 'A_TOKEN=1 B_SECRET=2 C=3', `A_TOKEN=${MASK} B_SECRET=${MASK} C=3`],
  ])('%s', (_, input, expected) => {
    expect(maskText(input)).toBe(expected ?? input);
  });

  it('masks known values wherever they appear, ignoring too-short ones', () => {
    expect(maskValues('sudo said: hunter2 is wrong; hunter2', ['hunter2', undefined, 'ab'])).toBe(`sudo said: ${MASK} is wrong; ${MASK}`);
  });
});

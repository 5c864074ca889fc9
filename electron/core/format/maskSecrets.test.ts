import { describe, expect, it } from 'vitest';
import { MASK, maskSecrets } from './maskSecrets';

describe('maskSecrets', () => {
  it.each([
    ['a generic driver has nothing to hide', { IPAddress: '10.0.0.5', SSHKeyPath: '/m/id_rsa', SSHKey: '/home/u/.ssh/id_rsa', SSHUser: 'root' }, null],
    ['DigitalOcean token', { AccessToken: 'dop_v1_abc' }, { AccessToken: MASK }],
    ['AWS keys', { AccessKey: 'AKIA123', SecretKey: 's3cr3t', SessionToken: 'tok', KeyName: 'my-key' }, { AccessKey: MASK, SecretKey: MASK, SessionToken: MASK, KeyName: 'my-key' }],
    ['vSphere password, user shown', { Username: 'admin', Password: 'hunter2' }, { Username: 'admin', Password: MASK }],
    ['Azure client secret', { ClientSecret: 'x', SubscriptionID: 'sub-1' }, { ClientSecret: MASK, SubscriptionID: 'sub-1' }],
    ['paths to secrets stay', { PrivateKeyPath: '/k', PasswordFile: '/p', TokenURL: 'https://t' }, null],
    ['empty values stay empty', { Password: '' }, null],
    ['non-strings stay', { PasswordEnabled: true, TokenTTL: 5 }, null],
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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relocatedConfig } from './bundleImport';
import type { BundledMachine } from './bundlePayload';

const fixture = JSON.parse(readFileSync(join(__dirname, '../../../e2e/fixtures/docker-machine-store/machines/gen1/config.json'), 'utf8')) as Record<string, unknown>;
const machine = (files: string[]): BundledMachine => ({
  name: 'gen1',
  driverName: 'generic',
  config: fixture,
  berth: null,
  files: Object.fromEntries(files.map((f) => [f, ''])),
  sshKeyFile: 'id_rsa',
  hostKey: null,
});

describe('an imported record', () => {
  const dir = '/new/store/machines/team-gen1';
  const config = relocatedConfig(machine(['ca.pem', 'cert.pem', 'key.pem', 'id_rsa']), 'team-gen1', '/new/store', dir);

  it('records no path of the store it came from: every path is in its new machine directory', () => {
    expect(JSON.stringify(config)).not.toContain('/home/dev/.docker/machine');
    expect(config.Name).toBe('team-gen1');
    expect(config.Driver).toMatchObject({ MachineName: 'team-gen1', StorePath: '/new/store', SSHKeyPath: `${dir}/id_rsa`, SSHKey: '' });
    expect(config.HostOptions.AuthOptions).toMatchObject({
      CertDir: dir,
      CaCertPath: `${dir}/ca.pem`,
      ClientCertPath: `${dir}/cert.pem`,
      ClientKeyPath: `${dir}/key.pem`,
      ServerCertPath: `${dir}/server.pem`,
      StorePath: dir,
    });
  });

  it('names no CA key unless the bundle carries one; keeps every other field as docker-machine wrote it', () => {
    expect(config.HostOptions.AuthOptions?.CaPrivateKeyPath).toBe('');
    expect(relocatedConfig(machine(['ca-key.pem']), 'x', '/s', '/s/machines/x').HostOptions.AuthOptions?.CaPrivateKeyPath).toBe('/s/machines/x/ca-key.pem');
    expect(config.HostOptions.EngineOptions).toEqual((fixture.HostOptions as { EngineOptions: unknown }).EngineOptions);
    expect(config.Driver.IPAddress).toBe('127.0.0.1');
  });
});

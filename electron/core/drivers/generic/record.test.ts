import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_STORE } from '../../../../e2e/fixtures/fixtureStore';
import { serializeMachineConfig } from '../../store/machineConfig';
import { newGenericConfig } from './record';

const STORE = '/home/dev/.docker/machine';

describe('newGenericConfig', () => {
  it.each([
    ['gen1', { ip: '127.0.0.1', sshUser: 'ubuntu', sshPort: 2222, engine: { Labels: ['env=test'] }, extraSans: [] }],
    [
      'deb1',
      {
        ip: '127.0.0.3',
        sshUser: 'admin',
        sshPort: 2224,
        engine: {
          ArbitraryFlags: ['log-level=warn'],
          Env: ['HTTP_PROXY=http://proxy:3128'],
          InsecureRegistry: ['10.0.0.5:5000'],
          StorageDriver: 'overlay2',
          RegistryMirror: ['https://mirror.example'],
        },
        extraSans: ['docker.example.com'],
      },
    ],
  ])("writes %s's config.json as docker-machine 0.16.2 did, byte for byte", async (name, p) => {
    const config = newGenericConfig({
      name,
      storePath: STORE,
      sshKeyPath: `${STORE}/machines/${name}/id_rsa`,
      originalKey: '/home/dev/.ssh/id_rsa',
      enginePort: 2376,
      ...p,
    });
    const fixture = await readFile(join(FIXTURE_STORE, 'machines', name, 'config.json'), 'utf8');
    // deb1 was written with a custom install URL; everything else is what docker-machine wrote.
    const expected = name === 'deb1' ? fixture.replace('https://example.invalid/install-24.0.sh', 'https://get.docker.com') : fixture;
    expect(serializeMachineConfig(config)).toBe(expected);
  });

  it('writes only the fields docker-machine knows (Berth\'s own settings live in berth-machine.json)', () => {
    const config = newGenericConfig({
      name: 'm', storePath: STORE, ip: '10.0.0.9', sshUser: 'root', sshPort: 22, sshKeyPath: 'k', originalKey: '',
      enginePort: 2376, engine: {}, extraSans: [],
    });
    expect(JSON.stringify(config)).not.toMatch(/Berth/);
  });
});

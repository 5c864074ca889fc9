import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixtureStore, FIXTURE_STORE } from '../../../e2e/fixtures/fixtureStore';
import { BerthError } from '../errors';
import { writeFileAtomic } from './atomicWrite';
import { parseMachineConfig, serializeMachineConfig } from './machineConfig';
import { MachineStore } from './machineStore';
import { defaultStorePath, rebaseStorePath } from './storePaths';

describe('config.json', () => {
  it.each(['gen1', 'gen2', 'deb1'])('round-trips docker-machine\'s %s byte for byte', async (name) => {
    const text = await readFile(join(FIXTURE_STORE, 'machines', name, 'config.json'), 'utf8');
    expect(serializeMachineConfig(parseMachineConfig(text))).toBe(text);
  });

  it('keeps fields Berth does not know', () => {
    const cfg = parseMachineConfig(
      JSON.stringify({ ConfigVersion: 3, Driver: { Extra: [1] }, DriverName: 'x', HostOptions: { Future: true }, Name: 'n', Top: 'kept' }),
    );
    expect(JSON.parse(serializeMachineConfig(cfg))).toMatchObject({ Driver: { Extra: [1] }, HostOptions: { Future: true }, Top: 'kept' });
  });

  it.each([
    ['{ "ConfigVersion": 3, ', /not valid JSON/],
    ['[]', /does not hold a JSON object/],
    ['{}', /no ConfigVersion/],
    ['{"ConfigVersion": 4}', /ConfigVersion 4, newer than 3/],
    ['{"ConfigVersion": 1}', /old ConfigVersion 1/],
    ['{"ConfigVersion": 3, "Driver": {}, "HostOptions": {}, "Name": "a"}', /no DriverName/],
    ['{"ConfigVersion": 3, "DriverName": "generic", "HostOptions": {}, "Name": "a"}', /no Driver object/],
    ['{"ConfigVersion": 3, "DriverName": "generic", "Driver": {}, "Name": "a"}', /no HostOptions/],
    ['{"ConfigVersion": 3, "DriverName": "generic", "Driver": {}, "HostOptions": {}}', /no Name/],
  ])('refuses %s', (text, reason) => {
    expect(() => parseMachineConfig(text)).toThrow(reason);
  });

  const withFields = (driver: object, hostOptions: object): string =>
    JSON.stringify({ ConfigVersion: 3, DriverName: 'generic', Name: 'a', Driver: driver, HostOptions: hostOptions });
  it.each([
    ['Labels as a string', withFields({}, { EngineOptions: { Labels: 'env=prod' } }), 'HostOptions.EngineOptions.Labels has the wrong type (a string): expected a list of strings'],
    ['Labels with a number', withFields({}, { EngineOptions: { Labels: [1, 2] } }), 'HostOptions.EngineOptions.Labels has the wrong type (an array): expected a list of strings'],
    ['SSHPort as a string', withFields({ SSHPort: '22' }, {}), 'Driver.SSHPort has the wrong type (a string): expected a port number (0-65535)'],
    ['EnginePort too large', withFields({ EnginePort: 70000 }, {}), 'Driver.EnginePort has the wrong type (a number): expected a port number (0-65535)'],
    ['IPAddress as a number', withFields({ IPAddress: 10 }, {}), 'Driver.IPAddress has the wrong type (a number): expected a string'],
    ['AuthOptions as a list', withFields({}, { AuthOptions: [] }), 'HostOptions.AuthOptions has the wrong type (an array): expected an object'],
    ['TlsVerify as a string', withFields({}, { EngineOptions: { TlsVerify: 'yes' } }), 'HostOptions.EngineOptions.TlsVerify has the wrong type (a string): expected true or false'],
  ])('names a wrong-typed field: %s', (_name, text, message) => {
    expect(() => parseMachineConfig(text)).toThrow(`config.json field ${message}`);
  });

  it('accepts nulls where docker-machine writes them and unknown fields of any type', () => {
    expect(() => parseMachineConfig(withFields({ Extra: 1 }, { EngineOptions: { Dns: null, Labels: null }, SwarmOptions: null, Future: [1] }))).not.toThrow();
  });
});

describe('MachineStore', () => {
  let root: string;
  beforeEach(async () => {
    root = await copyFixtureStore();
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists the fixture machines in natural order', async () => {
    const entries = await new MachineStore(root).list();
    expect(entries.map((e) => (e.kind === 'ok' ? e.machine.name : `!${e.name}`))).toEqual(['deb1', 'gen1', 'gen2']);
  });

  it('lists a corrupt machine as an error entry and still lists the others', async () => {
    await mkdir(join(root, 'machines', 'broken'));
    await writeFile(join(root, 'machines', 'broken', 'config.json'), '{"ConfigVersion": 3,');
    await mkdir(join(root, 'machines', 'empty'));
    const entries = await new MachineStore(root).list();
    expect(entries.map((e) => e.kind)).toEqual(['error', 'ok', 'error', 'ok', 'ok']);
    const errors = entries.filter((e) => e.kind === 'error');
    expect(errors[0]).toMatchObject({ name: 'broken', error: expect.stringMatching(/Machine "broken": config.json is not valid JSON/) });
    expect(errors[1]).toMatchObject({ name: 'empty', error: expect.stringMatching(/config.json is missing/) });
  });

  it('lists a store that does not exist yet as empty', async () => {
    expect(await new MachineStore(join(root, 'nope')).list()).toEqual([]);
  });

  it('names a missing machine like docker-machine', async () => {
    await expect(new MachineStore(root).load('ghost')).rejects.toThrow('Docker machine "ghost" does not exist. Use "berth ls" to list machines. Use "berth create" to add a new one.');
  });

  it('refuses an invalid name before touching the disk', async () => {
    const err = await new MachineStore(root).load('../certs').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).code).toBe('INVALID_NAME');
  });

  it('saves atomically with 0600, keeping unknown fields', async () => {
    const store = new MachineStore(root);
    const rec = await store.load('gen1');
    rec.config.BerthNote = 'kept';
    await store.save(rec);
    const file = join(root, 'machines', 'gen1', 'config.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await store.load('gen1');
    expect(again.config.BerthNote).toBe('kept');
    expect(again.config.HostOptions.EngineOptions?.Labels).toEqual(['env=test']);
    expect((await readdir(join(root, 'machines', 'gen1'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('creates missing directories 0700 and the file 0600, replacing the old content whole', async () => {
    const dir = join(tmpdir(), `berth-atomic-${process.pid}-${Date.now()}`);
    const file = join(dir, 'sub', 'f.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'sub'))).mode & 0o777).toBe(0o700);
    await rm(dir, { recursive: true });
  });
});

describe('store paths', () => {
  it.each([
    [{ MACHINE_STORAGE_PATH: '/srv/machines' }, '/home/u', '/srv/machines'],
    [{ MACHINE_STORAGE_PATH: '' }, '/home/u', '/home/u/.docker/machine'],
    [{}, '/home/u', '/home/u/.docker/machine'],
  ])('defaultStorePath(%j)', (env, home, expected) => {
    expect(defaultStorePath(env, home)).toBe(expected);
  });

  const exists = (p: string): boolean => p.startsWith('/real');
  it.each([
    ['/home/dev/.docker/machine/certs/ca.pem', '/home/dev/.docker/machine', '/new/store', '/new/store/certs/ca.pem'],
    ['/real/ca.pem', '/home/dev/.docker/machine', '/new/store', '/real/ca.pem'],
    ['/elsewhere/ca.pem', '/home/dev/.docker/machine', '/new/store', '/elsewhere/ca.pem'],
    ['/home/dev/.docker/machine/certs/ca.pem', undefined, '/new/store', '/home/dev/.docker/machine/certs/ca.pem'],
    ['', '/a', '/b', ''],
  ])('rebaseStorePath(%s)', (recorded, recordedRoot, actual, expected) => {
    expect(rebaseStorePath(recorded, recordedRoot, actual, exists)).toBe(expected);
  });
});

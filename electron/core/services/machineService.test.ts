import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../../e2e/fixtures/fixtureStore';
import { MASK } from '../format/maskSecrets';
import { MachineService } from './machineService';

describe('MachineService on the docker-machine fixture store', () => {
  let store: string;
  let machines: MachineService;
  beforeEach(async () => {
    store = await copyFixtureStore();
    machines = new MachineService(store, {});
  });
  afterEach(() => rm(store, { recursive: true, force: true }));

  it('lists no certificate warning while the recorded address is in the server certificate', async () => {
    const listing = await machines.listing();
    expect(listing.machines.map((m) => [m.name, m.certWarning])).toEqual([
      ['deb1', null],
      ['gen1', null],
      ['gen2', null],
    ]);
  });

  it('warns on the row when the recorded address left the server certificate', async () => {
    const record = await machines.store.load('gen1');
    record.config.Driver.IPAddress = '192.0.2.44';
    await machines.store.save(record);
    const gen1 = (await machines.listing()).machines.find((m) => m.name === 'gen1')!;
    expect(gen1.certWarning).toMatch(/^The machine's address 192\.0\.2\.44 is not in its server certificate \(localhost, 127\.0\.0\.1\)/);
  });

  it('inspect masks credentials, keeping the rest as docker-machine wrote it', async () => {
    const record = await machines.store.load('gen2');
    record.config.Driver.Password = 'hunter2';
    await machines.store.save(record);
    const config = await machines.inspect('gen2');
    expect(config.Driver.Password).toBe(MASK);
    expect(config.Driver.IPAddress).toBe('127.0.0.1');
    expect((await machines.store.load('gen2')).config.Driver.Password).toBe('hunter2');
  });
});

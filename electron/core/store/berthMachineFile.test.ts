import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../../e2e/fixtures/fixtureStore';
import { BERTH_MACHINE_FILE, readBerthMachine, updateBerthMachine } from './berthMachineFile';
import { MachineStore } from './machineStore';

describe("Berth's own machine settings (berth-machine.json)", () => {
  let store: string;
  beforeEach(async () => {
    store = await copyFixtureStore();
  });
  afterEach(async () => {
    await rm(store, { recursive: true, force: true });
  });

  it('survive docker-machine rewriting config.json with its own field set', async () => {
    const machines = new MachineStore(store);
    await updateBerthMachine(await machines.load('gen1'), { engineInstall: { kind: 'docker-ce', channel: 'stable', version: '27.3.1' }, setHostname: false });
    // What `docker-machine ip|provision|regenerate-certs` leaves: the fixture's config.json as docker-machine wrote it.
    const rewritten = await readFile(join(store, 'machines', 'gen1', 'config.json'), 'utf8');
    expect(rewritten).not.toMatch(/Berth/);
    expect(await readBerthMachine(await machines.load('gen1'))).toEqual({ engineInstall: { kind: 'docker-ce', channel: 'stable', version: '27.3.1' }, setHostname: false });
  });

  it('are read from config.json where an older Berth kept them, and moved into the file at the next change', async () => {
    const machines = new MachineStore(store);
    await machines.update('gen1', (config) => {
      config.Driver.BerthEngineInstall = { kind: 'docker-ce', channel: 'test' };
      config.Driver.BerthSetHostname = false;
    });
    const record = await machines.load('gen1');
    expect(await readBerthMachine(record)).toEqual({ engineInstall: { kind: 'docker-ce', channel: 'test' }, setHostname: false });
    await updateBerthMachine(record, { engineInstall: { kind: 'distro' } });
    expect(JSON.parse(await readFile(join(record.dir, BERTH_MACHINE_FILE), 'utf8'))).toEqual({ engineInstall: { kind: 'distro' }, setHostname: false });
  });

  it('are empty for a machine docker-machine made', async () => {
    expect(await readBerthMachine(await new MachineStore(store).load('gen2'))).toEqual({});
  });

  it.each([
    ['{ nope', /berth-machine\.json is not valid JSON/],
    ['{"setHostname": "no"}', /berth-machine\.json: setHostname: /],
    ['{"engineInstall": {"kind": "magic"}}', /berth-machine\.json: engineInstall\.kind: /],
  ])('refuse a damaged file %s by name', async (text, message) => {
    const record = await new MachineStore(store).load('gen1');
    await writeFile(join(record.dir, BERTH_MACHINE_FILE), text);
    await expect(readBerthMachine(record)).rejects.toThrow(message);
  });
});

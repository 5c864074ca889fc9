import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../../../e2e/fixtures/fixtureStore';
import { addVirtualboxMachine } from '../../../../e2e/fixtures/virtualboxFixture';
import { machineSshTarget } from '../../ssh/machineSsh';
import { MachineService } from '../../services/machineService';
import { machineCapabilities } from '../../services/capable';
import { serializeMachineConfig } from '../../store/machineConfig';
import { driverFor } from '../registry';
import { berthMade, virtualboxFields, virtualboxRecord } from './record';
import { vboxManageCandidates } from './vboxManage';

describe("a docker-machine VirtualBox machine's record", () => {
  let store: string;
  let machines: MachineService;
  beforeEach(async () => {
    store = await copyFixtureStore();
    await addVirtualboxMachine(store);
    machines = new MachineService(store, {});
  });
  afterEach(() => rm(store, { recursive: true, force: true }));

  it('reads as docker-machine wrote it: SSH on the loopback forward, Docker on the host-only address', async () => {
    const record = await machines.store.load('default');
    const driver = driverFor('virtualbox');
    expect(berthMade(record)).toBe(false);
    expect(virtualboxFields(record)).toMatchObject({ cpus: 1, memoryMb: 1024, diskSizeMb: 20000, hostOnlyCidr: '192.168.99.1/24', uiType: 'headless', enginePort: 0 });
    expect(driver.ip(record)).toBe('192.168.99.100');
    expect(driver.url(record)).toBe('tcp://192.168.99.100:2376');
    expect(machineSshTarget(record)).toMatchObject({ host: '127.0.0.1', port: 50522, user: 'docker' });
    expect(driver.loopbackPorts?.(record)).toEqual([50522]);
    // boot2docker is docker-machine's image: Berth runs it but does not provision it.
    const caps = await machineCapabilities(record);
    expect(caps).toMatchObject({ start: null, stop: null, restart: null, kill: null, ssh: null });
    expect(caps.provision).toMatch(/^Berth does not provision boot2docker VMs/);
  });

  it('keeps every field it does not own when it writes its own, byte for byte otherwise', async () => {
    const record = await machines.store.load('default');
    const before = serializeMachineConfig(record.config);
    virtualboxRecord.write(record, { cpus: 1 });
    expect(serializeMachineConfig(record.config)).toBe(before);
    record.config.Driver.Unknown = { kept: true };
    virtualboxRecord.write(record, { memoryMb: 2048 });
    expect(record.config.Driver).toMatchObject({ Unknown: { kept: true }, Memory: 2048, VBoxManager: {}, HostInterfaces: {} });
  });

  it('reads wrong-typed fields as their defaults instead of failing the list', async () => {
    const record = await machines.store.load('default');
    Object.assign(record.config.Driver, { CPU: 'two', Memory: null, UIType: 7 });
    expect(virtualboxFields(record)).toMatchObject({ cpus: 1, memoryMb: 1024, uiType: 'headless' });
  });
});

describe('where VBoxManage is looked for when it is not on PATH', () => {
  it.each([
    ['win32', { VBOX_MSI_INSTALL_PATH: 'D:\\VirtualBox\\' }, ['D:\\VirtualBox\\VBoxManage.exe', 'C:\\Program Files\\Oracle\\VirtualBox\\VBoxManage.exe']],
    ['win32', { ProgramFiles: 'C:\\Program Files' }, ['C:\\Program Files\\Oracle\\VirtualBox\\VBoxManage.exe']],
    ['darwin', {}, ['/Applications/VirtualBox.app/Contents/MacOS/VBoxManage', '/usr/local/bin/VBoxManage']],
    ['linux', {}, ['/usr/bin/VBoxManage', '/usr/local/bin/VBoxManage']],
  ] as const)('%s %j', (platform, env, want) => expect(vboxManageCandidates(platform, env)).toEqual(want));
});

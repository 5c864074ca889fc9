import { describe, expect, it } from 'vitest';
import { machineOfChange } from './storeWatcher';

describe('machineOfChange', () => {
  it.each([
    ['a machine record', 'gen1/config.json', 'gen1'],
    ['a provisioning outcome', 'gen1/berth-provision.json', 'gen1'],
    ["Berth's own settings (a swarm joined)", 'gen1/berth-machine.json', 'gen1'],
    ['a machine directory made or removed', 'newvm', 'newvm'],
    ["a VM's disk", 'vm1/disk.qcow2', null],
    ["a VM's pidfile, QMP socket and console", 'vm1/qemu.pid', null],
    ['a temp file before its rename', 'gen1/.config.json.0123456789ab.tmp', null],
    ['a lock file', 'gen1/config.json.lock', null],
    ['a certificate', 'gen1/server.pem', null],
    ['deeper files', 'vm1/seed/user-data', null],
    ['a hidden directory', '.trash', null],
    ['no file name given', null, 'all'],
  ])('%s', (_name, file, expected) => {
    expect(machineOfChange(file)).toBe(expected);
  });
});

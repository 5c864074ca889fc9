import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { vmFiles } from './driver';
import { freeLoopbackPorts } from '../../net/freePort';
import { acceleratorRunsGuests } from './accel';
import { findAarch64Firmware } from './firmware';
import { onPath } from '../../util/onPath';
import { qemuArgs, qemuBinary } from './qemuCommand';

const run = promisify(execFile);
const system = await onPath(qemuBinary('aarch64'), process.env);
if (!system && process.env.CI) throw new Error('CI must run the aarch64 firmware test, but qemu-system-aarch64 is not on PATH (apt-get install qemu-system-arm qemu-efi-aarch64)');
if (!system) console.log('[aarch64] skipped: qemu-system-aarch64 is not on PATH (apt-get install qemu-system-arm qemu-efi-aarch64)');

describe.skipIf(!system)('an aarch64 VM under TCG (no Arm machine here: emulated)', () => {
  let dir = '';
  afterAll(async () => {
    const pid = Number((await readFile(vmFiles(dir).pidFile, 'utf8').catch(() => '')).trim());
    if (pid > 0) process.kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it("boots the UEFI firmware found on this machine with the driver's command line", async () => {
    const firmware = await findAarch64Firmware(system);
    expect(firmware).not.toBeNull();
    dir = await mkdtemp(join(tmpdir(), 'baa-'));
    const files = vmFiles(dir);
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', files.disk, '1G']);
    const [sshPort, enginePort] = await freeLoopbackPorts(2);
    const args = qemuArgs({
      name: 'aarch64-probe', arch: 'aarch64', accel: 'tcg', cpus: 1, memoryMb: 512, firmware: firmware!,
      sshPort: sshPort!, enginePort: enginePort!, seedUrl: 'http://10.0.2.2:9/', ...files,
    });
    await run(system!, args, { timeout: 30_000 });
    const deadline = Date.now() + 90_000;
    let serial = '';
    while (Date.now() < deadline && !/UEFI firmware|EDK II/.test(serial)) {
      await new Promise((r) => setTimeout(r, 1000));
      serial = await readFile(files.consoleLog, 'latin1').catch(() => '');
    }
    expect(serial).toMatch(/UEFI firmware|EDK II/);
  }, 120_000);

  it('the accelerator probe guest runs and ends its VM (PSCI SYSTEM_OFF), so a hardware accelerator can be told working from hanging', async () => {
    expect(await acceleratorRunsGuests('tcg', 'aarch64', 30_000)).toEqual({ ok: true, reason: 'TCG runs guests' });
  }, 60_000);
});

import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshRun } from './sshRun';
import { testHosts } from './testing';
import { bootTestVm, leftoverVms, type TestVm } from './vm';
import { ensureVmImage } from './vmImage';

const ctx = testHosts();
const qemuMissing = !['/usr/bin/qemu-system-x86_64', '/usr/local/bin/qemu-system-x86_64'].some((p) => existsSync(p));
if (ctx && qemuMissing) {
  if (process.env.CI) throw new Error('CI must run the VM test, but qemu-system-x86_64 is not installed');
  console.log('[test hosts] VM test skipped: qemu-system-x86_64 is not installed (apt-get install qemu-system-x86 qemu-utils)');
}

describe.skipIf(!ctx || qemuMissing)('the test VM image under TCG', () => {
  let vm: TestVm;
  const name = `vm-${Date.now().toString(36)}`;

  beforeAll(async () => {
    let started = Date.now();
    const image = await ensureVmImage((l) => console.log(`[test hosts] ${l}`));
    console.log(`[test hosts] VM image ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
    // The seed on a CD written by Berth's ISO writer (the VirtualBox driver's way): the HTTP seed is the
    // QEMU driver's and its tests boot with it.
    vm = await bootTestVm({ image, key: ctx!.key, runId: ctx!.runId, workDir: join(tmpdir(), 'berth-test-vms'), name, seedOnCd: true });
    console.log(`[test hosts] VM accepted the seeded key ${((Date.now() - started) / 1000).toFixed(1)} s after start`);
  }, 1_500_000);

  afterAll(async () => {
    await vm?.stop();
  });

  it('boots, applies the cloud-init seed from the cidata CD (key, hostname) and answers SSH', async () => {
    const started = Date.now();
    const r = await sshRun(
      { host: vm.host, port: vm.sshPort, username: vm.user, privateKeyPath: vm.keyPath },
      'cloud-init status --wait >/dev/null; cloud-init status; hostname; sudo -n true && echo sudo-ok; systemctl is-system-running; cloud-init status --long | grep -o "DataSourceNoCloud \\[seed=[^]]*\\]"; sudo -n blkid -s LABEL -o value "$(sudo -n blkid -t TYPE=iso9660 -o device | head -n1)"',
      { timeoutMs: 180_000 },
    );
    console.log(`[test hosts] cloud-init finished ${((Date.now() - started) / 1000).toFixed(1)} s after SSH answered`);
    const lines = r.stdout.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual(['status: done', name, 'sudo-ok']);
    expect(['running', 'degraded']).toContain(lines[3]);
    // cloud-init read its seed from the CD (not a network seed), found by the label cidata.
    expect(lines[4]).toMatch(/^DataSourceNoCloud \[seed=\/dev\/sr0\]$/);
    expect(lines[5]).toBe('cidata');
  }, 240_000);

  it('leaves no QEMU process behind once stopped', async () => {
    await vm.stop();
    expect(await leftoverVms(ctx!.runId)).toEqual([]);
  });
});

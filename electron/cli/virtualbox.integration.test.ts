import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../e2e/fixtures/fixtureStore';
import { addVirtualboxMachine } from '../../e2e/fixtures/virtualboxFixture';
import { runBerth } from '../../e2e/support/runBerth';

// VirtualBox cannot run on Berth's build machines (no VBoxManage, no vboxdrv): this is what a user
// without it sees. The VBoxManage command lines and output parsing are unit-tested in the driver's
// folder; the cloud-init seed CD is booted under QEMU (e2e/hosts/vm.integration.test.ts).
const VBOX_MISSING = 'VBoxManage was not found on PATH or where VirtualBox installs it: install VirtualBox from virtualbox.org';

describe('a docker-machine VirtualBox machine where VirtualBox is not installed', () => {
  let store: string;
  const berth = (...args: string[]) => runBerth(['-s', store, ...args], { env: { PATH: '/usr/bin:/bin' } });
  beforeAll(async () => {
    store = await copyFixtureStore();
    await addVirtualboxMachine(store, 'default');
  });
  afterAll(() => rm(store, { recursive: true, force: true }));

  it('is listed as an Error row that says what to install; the other machines still list', async () => {
    const r = await berth('ls');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^default +- +virtualbox +Error .*${VBOX_MISSING}`, 'm'));
    expect(r.stdout).toMatch(/^gen1 +- +generic +Stopped/m);
    expect((await berth('status', 'default')).stdout).toBe('Error\n');
  });

  it('answers what its record knows (ip) and refuses what needs it running, as docker-machine does', async () => {
    expect(await berth('ip', 'default')).toMatchObject({ code: 0, stdout: '192.168.99.100\n' });
    expect(await berth('url', 'default')).toMatchObject({ code: 1, stderr: 'Host is not running\n' });
  });

  it('start fails at its first step with the reason and the install hint', async () => {
    const r = await berth('start', 'default');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Machine "default", step "Boot": ${VBOX_MISSING}`);
  });

  it('create -d virtualbox checks VirtualBox before writing anything, and names the image flag when it is missing', async () => {
    const r = await berth('create', '-d', 'virtualbox', '--virtualbox-image', 'debian-12', 'vb1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(VBOX_MISSING);
    expect(existsSync(join(store, 'machines', 'vb1'))).toBe(false);
    const usage = await berth('create', '-d', 'virtualbox', 'vb1');
    expect(usage.code).not.toBe(0);
    expect(usage.stderr).toMatch(/^--virtualbox-image is required: debian-12, ubuntu-24\.04/);
    const bad = await berth('create', '-d', 'virtualbox', '--virtualbox-image', 'debian-12', '--virtualbox-memory', '12', 'vb1');
    expect(bad.stderr).toMatch(/--virtualbox-memory/);
  });

  it('rm keeps the machine when the VM cannot be deleted, and says so; rm -f removes the local record and says what was left', async () => {
    const r = await berth('rm', '-y', 'default');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Machine "default": nothing was removed: ${VBOX_MISSING}`);
    expect(existsSync(join(store, 'machines', 'default'))).toBe(true);
    const forced = await berth('rm', '-f', 'default');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`(default) Only the local record was removed: ${VBOX_MISSING}`);
    expect(forced.stdout).toContain('Successfully removed default');
    expect(existsSync(join(store, 'machines', 'default'))).toBe(false);
  });
});

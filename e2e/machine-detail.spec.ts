import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createGenericMachine } from '../electron/core/services/genericMachines';
import { MachineService } from '../electron/core/services/machineService';
import { knownHostsPath } from '../electron/core/ssh/hostKeys';
import { probeHostKey } from '../electron/core/ssh/sshSession';
import type { TestHost } from './hosts/hosts';
import { type BerthWeb, startBerthWeb } from './support/berthWeb';
import { type E2eHosts, e2eHosts } from './support/testHosts';

test.describe.configure({ mode: 'serial' });

let hosts: E2eHosts | null = null;
let skipReason = '';
let host: TestHost;
let dir: string;
let store: string;
let web: BerthWeb;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const made = await e2eHosts();
  if ('unavailable' in made) {
    skipReason = made.unavailable;
    return;
  }
  hosts = made;
  // A host that comes back after a reboot, as a real server does.
  host = await hosts.start({ flavour: 'systemd', rebootable: true });
  dir = await mkdtemp(join(tmpdir(), 'berth-detail-e2e-'));
  store = join(dir, 'store');
  const machines = new MachineService(store, {});
  const probe = await probeHostKey(host.host, host.port, knownHostsPath(store));
  await createGenericMachine(
    machines,
    {
      name: 'life', host: host.host, port: host.port, user: 'root', auth: { kind: 'key', keyPath: host.keyPath },
      enginePort: host.dockerPort, engine: { kind: 'distro' },
      engineOptions: { labels: [], insecureRegistries: [], registryMirrors: [], storageDriver: '', env: [], flags: [] },
      extraSans: [], setHostname: true, acceptHostKey: probe.fingerprint,
    },
    { onProgress: () => undefined },
  );
  web = await startBerthWeb(store);
});

test.afterAll(async () => {
  await web?.stop();
  await hosts?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("a machine's page shows the real daemon's versions; Restart reboots it and the state comes back Running; Remove removes it", async ({ page }) => {
  test.skip(hosts === null, skipReason);
  test.setTimeout(240_000);
  await page.goto(web.url);
  await page.getByRole('button', { name: 'life', exact: true }).click();
  const detail = page.getByRole('region', { name: 'life' });
  const state = detail.getByRole('status', { name: 'State' });
  await expect(state).toHaveText('Running', { timeout: 15_000 });

  const versions = detail.getByRole('table', { name: 'Docker versions' });
  const server = (field: string) => versions.getByRole('row').filter({ has: page.getByRole('rowheader', { name: field, exact: true }) }).getByRole('cell').nth(1);
  await expect(server('Version')).toHaveText(/^20\.10\.\d+/);
  await expect(server('API version')).toHaveText(/^1\.\d+ \(minimum 1\.\d+\)$/);
  await expect(server('OS/Arch')).toHaveText('linux/amd64');
  await expect(server('Operating system')).toHaveText(/Debian GNU\/Linux 12/);
  await expect(server('containerd')).not.toBeEmpty();

  await detail.getByRole('toolbar', { name: 'Actions for life' }).getByRole('button', { name: 'Restart' }).click();
  await page.getByRole('dialog', { name: 'Restart life?' }).getByRole('button', { name: 'Restart' }).click();
  await expect(state).toHaveText('Restarting…');
  const progress = page.getByRole('dialog', { name: 'Restart life' });
  await expect(progress.getByRole('status')).toHaveText(/life is Running with Docker v20\.10\.\S+\.$/, { timeout: 180_000 });
  for (const step of ['Reboot', 'Wait for SSH', 'Wait for Docker over TLS']) {
    await expect(progress.getByRole('listitem', { name: `${step}: done` })).toBeVisible();
  }
  await progress.getByRole('button', { name: 'Close' }).click();
  await expect(state).toHaveText('Running', { timeout: 15_000 });

  await detail.getByRole('toolbar', { name: 'Actions for life' }).getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog', { name: 'Remove life?' }).getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('region', { name: 'No machines yet' })).toBeVisible();
  expect(existsSync(join(store, 'machines', 'life'))).toBe(false);
});

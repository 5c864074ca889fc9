import { expect, test } from '@playwright/test';
import type { TestHost } from './hosts/hosts';
import { machineOnHost } from './hosts/machineOnHost';
import { type HostedApp, hostedApp } from './support/testHosts';
import { axeSerious } from './support/axe';

// "Create swarm" from a multi-selection in the list, on two machines on real privileged test hosts;
// the swarm view lists the nodes; the SWARM column fills in.

test.describe.configure({ mode: 'serial' });

let app: HostedApp | null = null;
let skipReason = '';
let managerHost: TestHost;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const made = await hostedApp({ host: { flavour: 'sshd', privileged: true }, machine: 'sw-a' });
  if ('unavailable' in made) {
    skipReason = made.unavailable;
    return;
  }
  app = made;
  managerHost = app.host;
  await machineOnHost(app.machines, await app.hosts.start({ flavour: 'sshd', privileged: true }), 'sw-b');
});

test.afterAll(async () => {
  await app?.close();
});

test('two machines selected → Create swarm → the swarm view shows both nodes; the SWARM column says who is what', async ({ page }) => {
  test.skip(app === null, skipReason);
  test.setTimeout(120_000);
  await page.goto(app!.web.url);
  const table = page.getByRole('table', { name: 'Machines' });
  await expect(table.getByRole('button', { name: 'sw-b', exact: true })).toBeVisible();
  await table.getByRole('checkbox', { name: 'Select sw-a' }).check();
  await table.getByRole('checkbox', { name: 'Select sw-b' }).check();
  const toolbar = page.getByRole('toolbar', { name: 'Selected machines' });
  await expect(toolbar).toContainText('2 selected');
  await toolbar.getByRole('button', { name: 'Create swarm…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Create a swarm of 2 machines' });
  await expect(dialog.getByLabel('Manager', { exact: true })).toHaveValue('sw-a');
  // sw-a is recorded at a loopback forward: the address the other machine reaches it at is asked for.
  await expect(dialog.getByLabel('Advertise address')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Create swarm' })).toBeDisabled();
  const address = (await managerHost.exec("ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1")).trim();
  await dialog.getByLabel('Advertise address').fill(address);
  expect(await axeSerious(page, '[role="dialog"]')).toEqual([]);
  await dialog.getByRole('button', { name: 'Create swarm' }).click();

  const results = dialog.getByRole('list', { name: 'Results by machine' });
  await expect(results).toContainText('sw-a: initialised the swarm sw-a as its manager', { timeout: 60_000 });
  await expect(results).toContainText('sw-b: joined sw-a as worker');
  await expect(dialog.getByRole('status')).toHaveText('2 of 2 machines are in the swarm.');
  await dialog.getByRole('button', { name: 'Open swarm' }).click();

  const view = page.getByRole('region', { name: 'Swarm of sw-a' });
  const nodes = view.getByRole('table', { name: 'Swarm nodes' });
  await expect(nodes.getByRole('row')).toHaveCount(3);
  await expect(nodes.getByRole('row', { name: /^sw-a sw-a manager active ready Leader/ })).toBeVisible();
  await expect(nodes.getByRole('row', { name: /^sw-b sw-b worker active ready/ })).toBeVisible();
  await nodes.getByRole('button', { name: 'Promote sw-b' }).click();
  await expect(nodes.getByRole('row', { name: /^sw-b sw-b manager/ })).toBeVisible({ timeout: 30_000 });

  await view.getByRole('button', { name: '← Machines' }).click();
  await expect(table.getByRole('button', { name: 'Swarm of sw-a: sw-a (manager)' })).toBeVisible();
  await expect(table.getByRole('button', { name: 'Swarm of sw-b: sw-a (manager)' })).toBeVisible();
  // The SWARM column leads back to the swarm.
  await table.getByRole('button', { name: 'Swarm of sw-b: sw-a (manager)' }).click();
  await expect(page.getByRole('region', { name: 'Swarm of sw-b' })).toBeVisible();
});

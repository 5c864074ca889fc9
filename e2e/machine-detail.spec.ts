import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type HostedApp, hostedApp } from './support/testHosts';

let app: HostedApp | null = null;
let skipReason = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // A host that comes back after a reboot, as a real server does.
  const made = await hostedApp({ host: { flavour: 'systemd', rebootable: true }, machine: 'life' });
  if ('unavailable' in made) skipReason = made.unavailable;
  else app = made;
});

test.afterAll(async () => {
  await app?.close();
});

test("a machine's page shows the real daemon's versions; Restart reboots it and the state comes back Running; Remove removes it", async ({ page }) => {
  test.skip(app === null, skipReason);
  test.setTimeout(240_000);
  await page.goto(app!.web.url);
  // Make active puts the * on the row at once (the app's choice, not DOCKER_HOST, decides), and takes it off.
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'life' }) });
  await expect(row.getByRole('cell', { name: 'not active' })).toHaveText('-', { timeout: 15_000 });
  await expect(row).toContainText('Running', { timeout: 15_000 });
  await row.getByRole('button', { name: 'More actions for life' }).click();
  await page.getByRole('menuitem', { name: 'Make active' }).click();
  await expect(row.getByRole('cell', { name: 'active', exact: true })).toHaveText('*');
  await row.getByRole('button', { name: 'More actions for life' }).click();
  await page.getByRole('menuitem', { name: 'Stop using as active' }).click();
  await expect(row.getByRole('cell', { name: 'not active' })).toHaveText('-');
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

  await detail.getByRole('toolbar', { name: 'Actions for life' }).getByRole('button', { name: 'Remove…' }).click();
  await page.getByRole('dialog', { name: 'Remove life?' }).getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('region', { name: 'No machines yet' })).toBeVisible();
  expect(existsSync(join(app!.store, 'machines', 'life'))).toBe(false);
});

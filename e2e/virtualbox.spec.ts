import { rm } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { copyFixtureStore } from './fixtures/fixtureStore';
import { addVirtualboxMachine } from './fixtures/virtualboxFixture';
import { type BerthWeb, startBerthWeb } from './support/berthWeb';
import { axeSerious } from './support/axe';

// VirtualBox cannot run here: what a docker-machine user with a `default` VirtualBox machine sees
// when VirtualBox is not installed (its row says why, its page shows its record), and the wizard's
// VirtualBox page saying what to install instead of letting a create start.

let store: string;
let web: BerthWeb;
const VBOX_MISSING = /VBoxManage was not found on PATH or where VirtualBox installs it: install VirtualBox/;

test.beforeAll(async () => {
  store = await copyFixtureStore({});
  await addVirtualboxMachine(store, 'default');
  web = await startBerthWeb(store);
});
test.afterAll(async () => {
  await web.stop();
  await rm(store, { recursive: true, force: true });
});

test("a docker-machine VirtualBox machine is listed with why it cannot be reached, and its page shows its record", async ({ page }) => {
  await page.goto(web.url);
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'default' }) });
  await expect(row).toContainText('virtualbox');
  await expect(row).toContainText(VBOX_MISSING, { timeout: 15_000 });
  // The others still list.
  await expect(page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'gen1' }) })).toBeVisible();
  await page.getByRole('button', { name: 'default', exact: true }).click();
  const overview = page.getByRole('region', { name: 'default' }).getByRole('region', { name: 'Overview' });
  await expect(overview).toContainText('VirtualBox VM');
  await expect(overview).toContainText('1 CPU, 1024 MB memory, 20000 MB disk');
  await expect(overview).toContainText('docker-machine (boot2docker); host-only network 192.168.99.1/24');
  // SSH goes to the VM's loopback forward, as docker-machine's does.
  await expect(overview).toContainText('docker@127.0.0.1:50522');
  expect(await axeSerious(page)).toEqual([]);
});

test('the wizard offers VirtualBox, says what to install when it is missing, and will not go on', async ({ page }) => {
  await page.goto(web.url);
  await page.getByRole('banner').getByRole('button', { name: 'Create machine' }).click();
  const w = page.getByRole('dialog', { name: 'Create machine' });
  await w.getByLabel('Driver').selectOption('virtualbox');
  await expect(w.getByRole('alert')).toContainText(VBOX_MISSING);
  await expect(w.getByRole('button', { name: 'Check again' })).toBeVisible();
  await w.getByLabel('Machine name').fill('vb1');
  await expect(w.getByLabel('Host-only network (optional)')).toHaveValue('');
  await expect(w.getByRole('button', { name: 'Next' })).toBeDisabled();
  expect(await axeSerious(page)).toEqual([]);
  // The dialog's backdrop covers the whole page, the sticky header and the table's header included.
  expect(await page.evaluate(() => document.elementFromPoint(20, 20)?.className)).toBe('backdrop');
  expect(await page.evaluate(() => document.elementFromPoint(120, 128)?.className)).toBe('backdrop');
});

test('Remove says what happens to the VM; when VirtualBox cannot delete it, the record alone can go', async ({ page }) => {
  await page.goto(web.url);
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'default' }) });
  await row.getByRole('button', { name: 'More actions for default' }).click();
  await page.getByRole('menuitem', { name: /^Remove/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove default?' });
  await expect(dialog).toContainText('The VirtualBox VM is powered off and deleted with its disks');
  await expect(dialog.getByRole('button', { name: 'Remove the record only' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Machine "default": nothing was removed: VBoxManage was not found');
  await expect(row).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Remove the record only' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Removed default\. Only the local record was removed: VBoxManage was not found/)).toBeVisible();
  await expect(row).toHaveCount(0);
});

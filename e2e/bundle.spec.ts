import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type BerthWeb, startBerthWeb } from './support/berthWeb';
import { type HostedApp, hostedApp } from './support/testHosts';
import { axeSerious } from './support/axe';

// Export… on a machine's page, then Import… in a second Berth on another store: the bundle file
// travels through the browser's download and file chooser, and the machine works in its new store.

test.describe.configure({ mode: 'serial' });

let app: HostedApp | null = null;
let skipReason = '';
let other: { dir: string; web: BerthWeb } | null = null;
let bundle = '';
const PASS = 'a long passphrase';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const made = await hostedApp({ host: { flavour: 'sshd', privileged: true }, machine: 'mv1' });
  if ('unavailable' in made) {
    skipReason = made.unavailable;
    return;
  }
  app = made;
  const dir = await mkdtemp(join(tmpdir(), 'berth-e2e-import-'));
  other = { dir, web: await startBerthWeb(join(dir, 'store')) };
  bundle = join(dir, 'mv1.berth');
});

test.afterAll(async () => {
  await other?.web.stop();
  if (other) await rm(other.dir, { recursive: true, force: true });
  await app?.close();
});

test('Export… on the machine page downloads a sealed bundle after the passphrase is typed twice', async ({ page }) => {
  test.skip(app === null, skipReason);
  await page.goto(app!.web.url);
  await page.getByRole('button', { name: 'mv1', exact: true }).click();
  await page.getByRole('toolbar', { name: 'Actions for mv1' }).getByRole('button', { name: 'More actions for mv1' }).click();
  await page.getByRole('menuitem', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export mv1' });
  const exportButton = dialog.getByRole('button', { name: 'Export', exact: true });
  await dialog.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await dialog.getByLabel('Passphrase again').fill('something else');
  await expect(dialog.getByText('The passphrases differ')).toBeVisible();
  await expect(exportButton).toBeDisabled();
  await dialog.getByLabel('Passphrase again').fill(PASS);
  expect(await axeSerious(page, '[role="dialog"]')).toEqual([]);
  const download = page.waitForEvent('download');
  await exportButton.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('mv1.berth');
  await file.saveAs(bundle);
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Exported mv1 to mv1.berth')).toBeVisible();
});

test('Import… in another store: a wrong passphrase is said so; then the machine is imported, checked live, and listed Running', async ({ page }) => {
  test.skip(app === null, skipReason);
  await page.goto(other!.web.url);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import machines' });
  await dialog.getByLabel('Bundle file').setInputFiles(bundle);
  await dialog.getByLabel('Passphrase').fill('wrong passphrase');
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Wrong passphrase for the bundle');

  await dialog.getByLabel('Passphrase').fill(PASS);
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(dialog.getByRole('group', { name: /mv1/ })).toBeVisible();
  await expect(dialog.getByLabel('Name for mv1 in this store')).toHaveValue('mv1');
  expect(await axeSerious(page, '[role="dialog"]')).toEqual([]);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  const done = page.getByRole('dialog', { name: 'Import finished' });
  const results = done.getByRole('list', { name: 'Results by machine' });
  await expect(results).toContainText('✓ SSH as root@127.0.0.1', { timeout: 30_000 });
  await expect(results).toContainText(/✓ Docker v?20\.10/);
  await done.getByRole('button', { name: 'Close' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'mv1', exact: true }) });
  await expect(row.getByRole('cell').nth(3)).toHaveText('Running', { timeout: 20_000 });
});

test('importing into a store where the name is taken asks for another name, never overwrites', async ({ page }) => {
  test.skip(app === null, skipReason);
  await page.goto(app!.web.url);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import machines' });
  await dialog.getByLabel('Bundle file').setInputFiles(bundle);
  await dialog.getByLabel('Passphrase').fill(PASS);
  await dialog.getByRole('button', { name: 'Open' }).click();
  const name = dialog.getByLabel('Name for mv1 in this store');
  await expect(name).toHaveValue('mv1-imported');
  await name.fill('mv1');
  await expect(dialog.getByText('"mv1" is already a machine here: give it another name or skip it')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await name.fill('mv1-copy');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Import finished' }).getByRole('list')).toContainText('mv1-copy (was mv1)', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'mv1-copy', exact: true })).toBeVisible();
});

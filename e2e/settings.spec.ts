import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { copyFixtureStore } from './fixtures/fixtureStore';
import { type BerthWeb, startBerthWeb } from './support/berthWeb';

// The Settings page: a theme that applies at once and stays, preferences kept in the store's
// berth-settings.json beside keys Berth does not know, the env dialog's remembered shell; axe finds
// nothing serious in either theme.

let store: string;
let web: BerthWeb;

test.beforeAll(async () => {
  store = await copyFixtureStore({});
  // A key of a newer Berth (or of a user's own): it must survive every save.
  await writeFile(join(store, 'berth-settings.json'), JSON.stringify({ futureKey: { kept: true } }));
  web = await startBerthWeb(store);
});
test.afterAll(async () => {
  await web.stop();
  await rm(store, { recursive: true, force: true });
});

async function axeSerious(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).analyze();
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('the theme follows the choice at once, survives a reload, and keeps unknown keys in the file', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(web.url);
  await expect(page.getByRole('table', { name: 'Machines' })).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('region', { name: 'Settings' });
  await expect(settings.getByRole('radio', { name: 'As the system' })).toBeChecked();
  expect(await axeSerious(page)).toEqual([]);
  await settings.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(15, 18, 23)');
  expect(await axeSerious(page)).toEqual([]);
  await expect.poll(async () => JSON.parse(await readFile(join(store, 'berth-settings.json'), 'utf8')) as Record<string, unknown>).toMatchObject({ theme: 'dark', futureKey: { kept: true } });

  await page.goto('about:blank');
  await page.goto(web.url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('table', { name: 'Machines' })).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'As the system' }).check();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
});

test('the env dialog starts with the shell chosen there last; Settings shows and changes it', async ({ page }) => {
  await page.goto(web.url);
  await page.getByRole('button', { name: 'Copy env for gen1' }).click();
  let dialog = page.getByRole('dialog', { name: /gen1/ });
  await expect(dialog.getByLabel('Shell')).toHaveValue('bash');
  await dialog.getByLabel('Shell').selectOption('fish');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Copy env for gen1' }).click();
  dialog = page.getByRole('dialog', { name: /gen1/ });
  await expect(dialog.getByLabel('Shell')).toHaveValue('fish');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Shell of the env dialog')).toHaveValue('fish');
  await page.getByLabel('Shell of the env dialog').selectOption('powershell');
  await page.getByRole('button', { name: 'Machines', exact: true }).click();
  await page.getByRole('button', { name: 'Copy env for gen1' }).click();
  await expect(page.getByRole('dialog', { name: /gen1/ }).getByLabel('Shell')).toHaveValue('powershell');
});

import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { copyFixtureStore } from './fixtures/fixtureStore';
import { writeImageCache } from './fixtures/imageCacheFixture';
import { type BerthWeb, startBerthWeb } from './support/berthWeb';
import { axeSerious } from './support/axe';

// The Settings page: a theme that applies at once and stays, preferences kept in the store's
// berth-settings.json beside keys Berth does not know, the env dialog's remembered shell; axe finds
// nothing serious in either theme.

let store: string;
let web: BerthWeb;

test.beforeAll(async () => {
  store = await copyFixtureStore({});
  // A key of a newer Berth (or of a user's own): it must survive every save.
  await writeFile(join(store, 'berth-settings.json'), JSON.stringify({ futureKey: { kept: true } }));
  await writeImageCache(store);
  web = await startBerthWeb(store);
});
test.afterAll(async () => {
  await web.stop();
  await rm(store, { recursive: true, force: true });
});

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

test("every tab of a machine's page, and the create wizard's pages, pass axe in light and dark", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(web.url);
  await page.getByRole('button', { name: 'gen1', exact: true }).click();
  for (const tab of ['Summary', 'Terminal', 'Files', 'Logs', 'Config']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeSerious(page), `${tab} (${scheme})`).toEqual([]);
    }
  }
  await page.getByRole('banner').getByRole('button', { name: 'Create machine' }).click();
  const w = page.getByRole('dialog', { name: 'Create machine' });
  const wizardAxe = async (what: string): Promise<void> => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeSerious(page), `${what} (${scheme})`).toEqual([]);
    }
  };
  await wizardAxe('wizard: host');
  await w.getByLabel('Machine name').fill('axe1');
  await w.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  // A key file that is not there is said at its field, before anything is tried.
  await w.getByRole('radio', { name: 'Private key' }).check();
  await w.getByLabel('Private key file').fill('/nonexistent/id_ed25519');
  await w.getByRole('button', { name: 'Next' }).click();
  await expect(w.getByText('No such file')).toBeVisible();
  await w.getByLabel('Private key file').fill(join(store, 'machines', 'gen1', 'id_rsa.pub'));
  await w.getByLabel('Machine name').click();
  await expect(w.getByText('Not a private key (a .pub file, or another kind of file?)')).toBeVisible();
  await w.getByLabel('Private key file').fill(join(store, 'machines', 'gen1', 'id_rsa'));
  await w.getByRole('button', { name: 'Next' }).click();
  await expect(w.getByRole('form', { name: 'Docker Engine' })).toBeVisible();
  await wizardAxe('wizard: Docker Engine');
  await w.getByRole('button', { name: 'Next' }).click();
  await expect(w.getByRole('region', { name: 'Host key' })).toBeVisible();
  await wizardAxe('wizard: review');
  // A page already done is a link back to it.
  await w.getByRole('list', { name: 'Wizard pages' }).getByRole('button', { name: 'Machine' }).click();
  await expect(w.getByLabel('Machine name')).toHaveValue('axe1');
  await w.getByLabel('Driver').selectOption('qemu');
  await wizardAxe('VM wizard');
});

test('Settings lists the image cache with who uses each entry: what is in use cannot go, the rest can; keeping bases is a setting', async ({ page }) => {
  await page.goto(web.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const cache = page.getByRole('table', { name: 'Image cache' });
  await expect(cache.getByRole('row')).toHaveCount(6);
  const base = cache.getByRole('row').filter({ hasText: 'aaaaaaaaaaaa-distro' }).filter({ hasText: 'Docker-ready base' });
  await expect(base).toContainText('gen2');
  await expect(base.getByRole('button', { name: /^Remove / })).toBeDisabled();
  await expect(cache.getByRole('row').filter({ hasText: '0123456789abcdef-debian' })).toContainText('gen1, gen2, base aaaaaaaaaaaa-distro-20261201000000');
  expect(await axeSerious(page)).toEqual([]);
  // The unused image goes, then the rest of what nothing uses (after a confirmation); what is in use stays.
  await cache.getByRole('button', { name: 'Remove fedcba9876543210-ubuntu.img' }).click();
  await expect(cache.getByRole('row')).toHaveCount(5);
  await page.getByRole('button', { name: 'Remove unused…' }).click();
  await page.getByRole('button', { name: /^Remove 2 unused/ }).click();
  await expect(cache.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Remove unused…' })).toBeDisabled();
  // Keeping bases is stored with the other settings.
  await page.getByRole('checkbox', { name: /Keep a Docker-ready base/ }).uncheck();
  await page.getByRole('spinbutton', { name: 'Days a Docker-ready base is used' }).fill('7');
  await expect.poll(async () => JSON.parse(await readFile(join(store, 'berth-settings.json'), 'utf8')) as unknown).toMatchObject({ keepDockerBases: false, baseMaxAgeDays: 7 });
  // Back on the list, the Settings page is gone from view (its own display once won over hidden).
  await page.getByRole('button', { name: 'Machines', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Settings' })).toBeHidden();
  await expect(page.getByRole('table', { name: 'Image cache' })).toBeHidden();
});

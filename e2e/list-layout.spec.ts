import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { MachineService } from '../electron/core/services/machineService';
import { writeProvisionStatus } from '../electron/core/provision/provisionStatus';
import { copyFixtureStore } from './fixtures/fixtureStore';
import { type BerthWeb, startBerthWeb } from './support/berthWeb';
import { cloneMachine } from './support/storeClones';
import { axeSerious } from './support/axe';

// A store of 60 machines as people have them: long names, long errors, dead hosts, broken records,
// failed creates. At 1024×700 and 1200×760 neither the page nor the list scrolls sideways, every
// row's actions are reachable by mouse and by keyboard, and the list keeps its filter, sort and
// scroll across a visit to a machine's page.

let store: string;
let web: BerthWeb;

/** A loopback port nobody listens on (refused at once: a dead host without waiting). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

test.beforeAll(async () => {
  store = await copyFixtureStore({});
  const machines = new MachineService(store, {});
  const template = await machines.record('gen1');
  const dead = await closedPort();
  for (let i = 0; i < 50; i++) await cloneMachine(machines, template, `production-frontend-europe-west-${String(i).padStart(2, '0')}-with-a-long-name`, dead, dead);
  for (let i = 0; i < 5; i++) {
    const name = `failed-create-${i}`;
    await cloneMachine(machines, template, name, dead, dead);
    await writeProvisionStatus(join(store, 'machines', name), {
      ok: false,
      error: `Machine "${name}": step "Install Docker Engine" failed: E: Unable to locate package docker-ce; E: Package 'docker-ce-cli' has no installation candidate; the repository https://download.docker.com/linux/debian bookworm stable was not reachable from the host`,
      logTail: '',
      at: new Date().toISOString(),
    });
  }
  for (let i = 0; i < 2; i++) {
    const dir = join(store, 'machines', `broken-record-number-${i}-whose-config-json-is-damaged`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'config.json'), '{"ConfigVersion": 3, "Driver": {"IPAddress": ');
  }
  web = await startBerthWeb(store);
});
test.afterAll(async () => {
  await web.stop();
  await rm(store, { recursive: true, force: true });
});

const sideways = (page: Page) =>
  page.evaluate(() => {
    const doc = document.documentElement;
    const table = document.querySelector('table[aria-label="Machines"]')!;
    return { page: doc.scrollWidth - doc.clientWidth, table: table.scrollWidth - table.clientWidth };
  });

for (const [width, height] of [
  [1024, 700],
  [1200, 760],
] as const) {
  test(`60 machines at ${width}×${height}: nothing scrolls sideways; every row's actions are reachable`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto(web.url);
    const table = page.getByRole('table', { name: 'Machines' });
    await expect(table.getByRole('row')).toHaveCount(61); // + the header
    await expect(table.getByRole('row').filter({ hasText: 'Stopped' }).first()).toBeVisible({ timeout: 15_000 });
    expect(await sideways(page)).toEqual({ page: 0, table: 0 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeSerious(page)).toEqual([]);
    }

    // The last row's actions, with the mouse: visible, inside the window's width.
    const last = table.getByRole('row').last();
    await last.scrollIntoViewIfNeeded();
    const more = last.getByRole('button', { name: /^More actions for / });
    const box = (await more.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    await more.click();
    await expect(page.getByRole('menuitem', { name: 'Remove…' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(more).toBeFocused();

    // With the keyboard: Tab reaches a row's actions; the menu opens with Enter and walks with arrows.
    const row = table.getByRole('row').filter({ hasText: 'production-frontend-europe-west-07' });
    await row.getByRole('button', { name: /^Copy env for/ }).focus();
    await page.keyboard.press('Tab');
    await expect(row.getByRole('button', { name: /^More actions for/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Open shell with env' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Make active' })).toBeFocused();
    await page.keyboard.press('Escape');

    // Unreachable machines say why, and what cannot work is off.
    await expect(row.getByRole('button', { name: /^SSH into/ })).toBeDisabled();
    await expect(row.getByRole('button', { name: /^SSH into/ })).toHaveAttribute('title', /is Stopped/);
    const failed = table.getByRole('row').filter({ hasText: 'failed-create-3' });
    await expect(failed.getByRole('cell').nth(3)).toHaveText('Error');
    await expect(failed.getByRole('button', { name: 'Retry failed-create-3' })).toBeVisible();
    await expect(failed.getByRole('cell').nth(7)).toContainText('Install Docker Engine');
  });
}

test('filter, sort and scroll are kept across a visit to a machine page; Clear filters', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 760 });
  await page.goto(web.url);
  const table = page.getByRole('table', { name: 'Machines' });
  await page.getByRole('searchbox', { name: 'Filter by name' }).fill('production');
  await page.getByRole('button', { name: 'Sort by name' }).click();
  await expect(table.getByRole('rowheader').first()).toHaveText('production-frontend-europe-west-49-with-a-long-name');
  await page.evaluate(() => window.scrollTo(0, 900));
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(500);
  // Opened without scrolling the list first (a click by the mouse where the row is).
  await page.getByRole('button', { name: 'production-frontend-europe-west-30-with-a-long-name', exact: true }).dispatchEvent('click');
  await expect(page.getByRole('heading', { name: 'production-frontend-europe-west-30-with-a-long-name', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: '← All machines' }).click();
  await expect(page.getByRole('searchbox', { name: 'Filter by name' })).toHaveValue('production');
  await expect(table.getByRole('rowheader').first()).toHaveText('production-frontend-europe-west-49-with-a-long-name');
  expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);

  await page.getByRole('searchbox', { name: 'Filter by name' }).fill('nothing-is-called-this');
  await expect(table.getByText('No machine matches the filter.')).toBeVisible();
  await table.getByRole('button', { name: 'Clear filters' }).click();
  await expect(table.getByRole('row')).toHaveCount(61);
});

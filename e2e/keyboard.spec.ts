import { rm } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { copyFixtureStore } from './fixtures/fixtureStore';
import { type BerthWeb, startBerthWeb } from './support/berthWeb';

// Keyboard only: the command palette (Ctrl+K) goes to a machine and runs an action, Ctrl+N opens
// the wizard, `/` focuses the filter, and the shortcuts are listed.

let store: string;
let web: BerthWeb;

test.beforeAll(async () => {
  store = await copyFixtureStore({});
  web = await startBerthWeb(store);
});
test.afterAll(async () => {
  await web.stop();
  await rm(store, { recursive: true, force: true });
});

test('Ctrl+K goes to a machine and runs an action; Ctrl+N opens the wizard; / filters', async ({ page }) => {
  await page.goto(web.url);
  const table = page.getByRole('table', { name: 'Machines' });
  await expect(table.getByRole('rowheader', { name: 'gen2' })).toBeVisible();

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('combobox', { name: 'Command or machine' })).toBeFocused();
  await page.keyboard.type('go gen2');
  await expect(palette.getByRole('option', { selected: true })).toHaveText('Go to gen2');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('heading', { name: 'gen2', level: 2 })).toBeVisible();

  // An action: the same path as the machine menu (the env dialog opens for it).
  await page.keyboard.press('Control+k');
  await page.keyboard.type('copy env gen1');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const env = page.getByRole('dialog', { name: 'Environment for gen1' });
  await expect(env).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(env).toBeHidden();

  await page.keyboard.press('Control+k');
  await page.keyboard.type('keyboard');
  await page.keyboard.press('Enter');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts.getByRole('rowheader', { name: 'Ctrl/Cmd+N' })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: '← All machines' }).click();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Filter by name' })).toBeFocused();
  await page.keyboard.type('gen1');
  await expect(table.getByRole('rowheader')).toHaveText(['gen1']);
  await page.keyboard.press('Escape');

  await page.locator('body').click();
  await page.keyboard.press('Control+n');
  await expect(page.getByRole('dialog', { name: /Create/ })).toBeVisible();
});

test('the wizard by keyboard only: opened with Enter, filled with Tab and typing, Escape asks, focus goes back to its button', async ({ page }) => {
  await page.goto(web.url);
  const create = page.getByRole('banner').getByRole('button', { name: 'Create machine' });
  await create.focus();
  await page.keyboard.press('Enter');
  const wizard = page.getByRole('dialog', { name: 'Create machine' });
  await expect(wizard).toBeVisible();
  const name = wizard.getByLabel('Machine name');
  for (let i = 0; i < 20 && !(await name.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(name).toBeFocused();
  await page.keyboard.type('typed-by-keys');
  await page.keyboard.press('Tab');
  await page.keyboard.type('127.0.0.1');
  await expect(wizard.getByLabel('Host', { exact: true })).toHaveValue('127.0.0.1');
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.accept();
  });
  await page.keyboard.press('Escape');
  await expect(wizard).toBeHidden();
  expect(asked).toEqual(['Discard the settings of this new machine?']);
  await expect(create).toBeFocused();
});

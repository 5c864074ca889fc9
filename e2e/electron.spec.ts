import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { copyFixtureStore } from './fixtures/fixtureStore';

/** The Electron binary, if this machine has one (electron ≥ 42 fetches it on first launch, which needs the internet). */
function electronBinary(): string | null {
  const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const skipReason = 'no Electron binary installed here (node_modules/electron/dist is empty: it downloads on first launch)';
if (!binary) console.log(`[e2e/electron] skipped: ${skipReason}`);

test('the Electron app lists the store and keeps Node out of the page', async () => {
  test.skip(!binary, skipReason);
  const store = await copyFixtureStore();
  const app = await electron.launch({
    executablePath: binary!,
    args: ['out/main/main.js'],
    env: { ...process.env, MACHINE_STORAGE_PATH: store },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('rowheader', { name: 'gen1' })).toBeVisible();
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((window as unknown as { bridge: object }).bridge).sort())).toEqual(['invoke', 'on']);
  } finally {
    await app.close();
    await rm(store, { recursive: true, force: true });
  }
});

test('the desktop shell: a menu without Force Reload, a tray listing the store, a second launch focusing the first', async () => {
  test.skip(!binary, skipReason);
  const store = await copyFixtureStore();
  const env = { ...process.env, MACHINE_STORAGE_PATH: store };
  const app = await electron.launch({ executablePath: binary!, args: ['out/main/main.js'], env });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('rowheader', { name: 'gen1' })).toBeVisible();
    const menu = await app.evaluate(({ Menu }) => {
      const walk = (items: Electron.MenuItem[]): Array<{ label: string; role: string | undefined }> =>
        items.flatMap((i) => [{ label: i.label, role: i.role }, ...walk(i.submenu?.items ?? [])]);
      return walk(Menu.getApplicationMenu()?.items ?? []);
    });
    expect(menu.map((i) => i.label)).toEqual(expect.arrayContaining(['File', 'Machine', 'New Machine…', 'Refresh List']));
    expect(menu.map((i) => i.role?.toLowerCase())).not.toContain('forcereload');
    expect(menu.map((i) => i.role?.toLowerCase())).not.toContain('toggledevtools');
    await expect
      .poll(() => app.evaluate(() => (globalThis as unknown as { berthDesktop: { trayLabels(): string[] } }).berthDesktop.trayLabels()))
      .toEqual(expect.arrayContaining([expect.stringMatching(/^gen1 — /), expect.stringMatching(/^gen2 — /), 'Show Berth', 'Quit Berth']));
    const bounds = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getMinimumSize());
    expect(bounds).toEqual([1024, 640]);

    // A second launch quits at once and brings the first window forward, opening the machine it names.
    const second = await electron.launch({ executablePath: binary!, args: ['out/main/main.js', '--machine', 'gen2'], env }).catch(() => null);
    await second?.close().catch(() => undefined);
    await expect(page.getByRole('heading', { name: 'gen2' })).toBeVisible();
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await app.close();
    await rm(store, { recursive: true, force: true });
  }
});

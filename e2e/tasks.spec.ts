import { expect, type Page, test } from '@playwright/test';
import { machineOnHost } from './hosts/machineOnHost';
import { type HostedApp, hostedApp } from './support/testHosts';
import { axeSerious } from './support/axe';

// The task center: long actions as core objects every page sees — a fleet action's per-machine
// results, a reloaded page attaching to what runs, toasts and notifications for endings nobody
// watched, and Retry running the same action again.

test.describe.configure({ mode: 'serial' });

let app: HostedApp | null = null;
let skipReason = '';
const MACHINES = ['t1', 't2', 't3'];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const made = await hostedApp({ host: { flavour: 'systemd' }, machine: 't1' });
  if ('unavailable' in made) {
    skipReason = made.unavailable;
    return;
  }
  app = made;
  // Two more machines on the same host, adopting the Engine t1 set up (nothing on the host changes).
  for (const name of ['t2', 't3']) await machineOnHost(app.machines, app.host, name, { extra: { engine: { kind: 'adopt' } } });
});

test.afterAll(async () => {
  await app?.close();
});

async function runCommand(page: Page, names: string[], command: string): Promise<void> {
  for (const name of names) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
  await page.getByRole('toolbar', { name: 'Selected machines' }).getByRole('button', { name: 'Run a command…' }).click();
  const dialog = page.getByRole('dialog', { name: `Run a command on ${names.length} machine${names.length === 1 ? '' : 's'}?` });
  await dialog.getByLabel('Command').fill(command);
  await dialog.getByRole('button', { name: 'Run' }).click();
}

test('a fleet action on three machines is one group in the task center, with each machine\'s result and log', async ({ page }) => {
  test.skip(app === null, skipReason);
  await page.goto(app!.web.url);
  await runCommand(page, MACHINES, 'echo "hello from $(hostname)"');
  const group = page.getByRole('list', { name: /^Run a command on 3 machines/ });
  await expect(page.getByRole('status').filter({ hasText: 'Run a command on 3 machines: 3 of 3 succeeded' })).toBeVisible({ timeout: 30_000 });
  for (const name of MACHINES) await expect(group.getByRole('listitem', { name: `Run a command ${name}: Succeeded` })).toBeVisible();
  await group.getByRole('button', { name: 'Run a command t2', exact: true }).click();
  await expect(page.getByRole('log', { name: 'Log of Run a command t2' })).toContainText('hello from');
  await expect(group.getByRole('listitem', { name: 'Run a command t2: Succeeded' })).toContainText('exit 0');
  expect(await axeSerious(page, '.tasks-view')).toEqual([]);
});

test('a reloaded page finds a running task in the task center, follows it to its end, and a toast says how it ended', async ({ page }) => {
  test.skip(app === null, skipReason);
  await page.goto(app!.web.url);
  await runCommand(page, ['t1'], 'sleep 4; echo slept');
  await page.reload();
  await page.getByRole('button', { name: 'Tasks, 1 running' }).click();
  const running = page.getByRole('listitem', { name: 'Run a command t1: Running' });
  await expect(running).toBeVisible();
  // Back to the list: nothing on screen shows the task, so its end is told by a toast, with Show.
  await page.getByRole('button', { name: 'Machines', exact: true }).click();
  const toast = page.locator('.toast').filter({ hasText: 'Run a command t1 finished: exit 0' });
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await toast.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('listitem', { name: 'Run a command t1: Succeeded' }).first()).toBeVisible();
  await expect(page.getByRole('log', { name: 'Log of Run a command t1' }).first()).toContainText('slept');
});

test('with the page hidden, an ending task raises a browser notification', async ({ page, context }) => {
  test.skip(app === null, skipReason);
  await context.grantPermissions(['notifications'], { origin: new URL(app!.web.url).origin });
  // Observe the Notification constructor; the page counts as hidden and unfocused.
  await page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { shown: string[] }).shown = shown;
    const Real = window.Notification;
    class Observed extends Real {
      constructor(title: string, options?: NotificationOptions) {
        shown.push(title);
        super(title, options);
      }
    }
    window.Notification = Observed as typeof Notification;
  });
  await page.goto(app!.web.url);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.hasFocus = () => false;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await runCommand(page, ['t2'], 'sleep 1');
  await expect.poll(() => page.evaluate(() => (window as unknown as { shown: string[] }).shown), { timeout: 30_000 }).toContain('Berth: Run a command t2 finished: exit 0');
  await expect(page.locator('.toast').filter({ hasText: 'Run a command t2 finished: exit 0' })).toBeVisible();
});

test('a reload during a create: the task center shows the create running, it finishes there, and a toast tells', async ({ page }) => {
  test.skip(app === null, skipReason);
  test.setTimeout(240_000);
  await page.goto(app!.web.url);
  await page.getByRole('banner').getByRole('button', { name: 'Create machine' }).click();
  const w = page.getByRole('dialog', { name: 'Create machine' });
  await w.getByLabel('Machine name').fill('t4');
  await w.getByLabel('Host', { exact: true }).fill(app!.host.host);
  await w.getByLabel('SSH port').fill(String(app!.host.port));
  await w.getByLabel('SSH user').fill('root');
  await w.getByLabel('Private key', { exact: true }).check();
  await w.getByLabel('Private key file').fill(app!.host.keyPath);
  await w.getByRole('button', { name: 'Next' }).click();
  await w.getByLabel('Docker TLS port').fill(String(app!.host.dockerPort));
  await w.getByRole('button', { name: 'Next' }).click();
  await w.getByRole('button', { name: 'Create' }).click();
  await expect(w.getByRole('list', { name: 'Steps of t4' }).getByRole('listitem', { name: 'Detect OS: done' })).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await page.getByRole('button', { name: /^Tasks, \d running$/ }).click();
  await expect(page.getByRole('listitem', { name: 'Create t4: Running' })).toBeVisible();
  // Back to the list: the create's end is told by a toast, whose Show opens the finished task.
  await page.getByRole('button', { name: 'Machines', exact: true }).click();
  const toast = page.locator('.toast').filter({ hasText: 'Create t4 finished' });
  await expect(toast).toBeVisible({ timeout: 180_000 });
  await toast.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('listitem', { name: 'Create t4: Succeeded' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Steps of Create t4' }).getByRole('listitem', { name: 'Wait for Docker over TLS: done' })).toBeVisible();
  await page.getByRole('button', { name: 'Machines', exact: true }).click();
  const row = page.getByRole('table', { name: 'Machines' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 't4', exact: true }) });
  await expect(row.getByRole('cell').nth(3)).toHaveText('Running', { timeout: 15_000 });
});

test('a fleet Upgrade of three machines: each machine\'s own result (the two adopted Engines are refused with the reason)', async ({ page }) => {
  test.skip(app === null, skipReason);
  test.setTimeout(240_000);
  await page.goto(app!.web.url);
  for (const name of MACHINES) await page.getByRole('checkbox', { name: `Select ${name}` }).check();
  await page.getByRole('toolbar', { name: 'Selected machines' }).getByRole('button', { name: 'Upgrade Docker…' }).click();
  await page.getByRole('dialog', { name: 'Upgrade Docker on 3 machines?' }).getByRole('button', { name: 'Upgrade' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Upgrade Docker on 3 machines: \d of 3 succeeded$/ })).toBeVisible({ timeout: 180_000 });
  const group = page.getByRole('list', { name: /^Upgrade Docker on 3 machines/ });
  await expect(group.getByRole('listitem', { name: /^Upgrade Docker t1: (Succeeded|Failed)$/ })).toBeVisible();
  for (const name of ['t2', 't3']) {
    await expect(group.getByRole('listitem', { name: `Upgrade Docker ${name}: Failed` })).toContainText('its Docker Engine and certificates were adopted as they are');
  }
});

test('a failed Restart: the task center shows it failed, and Retry runs Restart again', async ({ page }) => {
  test.skip(app === null, skipReason);
  await page.goto(app!.web.url);
  await page.getByRole('button', { name: 't3', exact: true }).click();
  await page.getByRole('toolbar', { name: 'Actions for t3' }).getByRole('button', { name: 'Restart' }).click();
  // The host goes away after the question (a Restart is offered only while the host answers).
  await app!.host.stop();
  await page.getByRole('dialog', { name: 'Restart t3?' }).getByRole('button', { name: 'Restart' }).click();
  const progress = page.getByRole('dialog', { name: 'Restart t3' });
  await expect(progress.getByRole('alert')).toContainText('Failed', { timeout: 30_000 });
  await progress.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Tasks', exact: true }).click();
  const failed = page.getByRole('listitem', { name: 'Restart t3: Failed' });
  await expect(failed).toHaveCount(1);
  await failed.getByRole('button', { name: 'Retry Restart t3' }).click();
  // The same action again (not a provision): a second Restart task, which fails the same way.
  await expect(page.getByRole('listitem', { name: 'Restart t3: Failed' })).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByRole('listitem', { name: /^Provision t3/ })).toHaveCount(0);
});

import { readFile, rm } from 'node:fs/promises';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { knownHostsPath } from '../electron/core/ssh/hostKeys';
import type { TestHost } from './hosts/hosts';
import type { BerthWeb } from './support/berthWeb';
import { type HostedApp, hostedApp } from './support/testHosts';
import { axeSerious } from './support/axe';

test.describe.configure({ mode: 'serial' });

let app: HostedApp | null = null;
let skipReason = '';
let host: TestHost;
let web: BerthWeb;
let serverVersion = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // A machine provisioned the way the wizard does it, so its terminal reaches a real Docker.
  const made = await hostedApp({ host: { flavour: 'systemd' }, machine: 'term1', webEnv: (dir) => ({ SHELL: '/bin/bash', HOME: dir }) });
  if ('unavailable' in made) {
    skipReason = made.unavailable;
    return;
  }
  app = made;
  ({ host, web } = app);
  serverVersion = (await app.machines.engineVersion('term1')).Version;
});

test.afterAll(async () => {
  await app?.close();
});

/** What the terminal shows, read the way a user would take it: Select all, then Copy. */
async function terminalText(page: Page, panel: Locator): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await panel.locator('.terminal-host').click({ button: 'right' });
  await page.getByRole('menu', { name: 'Terminal menu' }).getByRole('menuitem', { name: 'Select all' }).click();
  await panel.getByRole('button', { name: 'Copy', exact: true }).click();
  // Copying goes through the core first: wait until the clipboard has it.
  let text = '';
  await expect.poll(async () => (text = await page.evaluate(() => navigator.clipboard.readText()))).not.toBe('');
  return text;
}

async function typeLine(page: Page, panel: Locator, line: string): Promise<void> {
  await panel.locator('.terminal-host').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

test('SSH opens a terminal into the machine; docker version there answers with the server version', async ({ page, context }) => {
  test.skip(app === null, skipReason);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
  await page.goto(web.url);
  await page.getByRole('button', { name: 'SSH into term1' }).click();
  const panel = page.getByRole('tabpanel', { name: 'SSH terminal of term1' });
  await expect(panel).toBeVisible();
  await expect(page.getByRole('tab', { selected: true })).toHaveText(/term1/);
  // The tab strip and the terminal pass axe in both themes.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeSerious(page), scheme).toEqual([]);
  }
  await typeLine(page, panel, "docker version --format 'server={{.Server.Version}}'");
  await expect.poll(() => terminalText(page, panel), { timeout: 20_000 }).toContain(`server=${serverVersion}`);
});

test("the machine page's Terminal tab is the machine's SSH, embedded; leaving the page ends it", async ({ page, context }) => {
  test.skip(app === null, skipReason);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
  await page.goto(web.url);
  await page.getByRole('button', { name: 'term1', exact: true }).click();
  await page.getByRole('tab', { name: 'Terminal' }).click();
  const panel = page.getByRole('region', { name: 'SSH terminal of term1' });
  await expect(panel).toBeVisible();
  await expect(panel.getByText('Connecting to term1…')).toBeHidden({ timeout: 20_000 });
  await typeLine(page, panel, 'echo "embedded-$((6*7))"');
  await expect.poll(() => terminalText(page, panel), { timeout: 20_000 }).toContain('embedded-42');
  // Not one of the app's terminal tabs: the sidebar counts none.
  await expect(page.getByRole('button', { name: 'Terminals', exact: true })).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
  // Keys typed in the terminal are the shell's (Alt+Left moves a word there): back by the page's own button.
  await page.getByRole('button', { name: '← All machines' }).click();
  await expect(page.getByRole('button', { name: 'SSH into term1' })).toBeVisible();
  await expect(panel).toHaveCount(0);
});

test('a resize of the window reaches the remote PTY (stty size)', async ({ page, context }) => {
  test.skip(app === null, skipReason);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.goto(web.url);
  await page.getByRole('button', { name: 'SSH into term1' }).click();
  const panel = page.getByRole('tabpanel', { name: 'SSH terminal of term1' });
  await typeLine(page, panel, 'clear; stty size | sed "s/^/size=/"');
  await expect.poll(() => terminalText(page, panel), { timeout: 20_000 }).toMatch(/size=\d+ \d+/);
  const before = /size=(\d+) (\d+)/.exec(await terminalText(page, panel))!.slice(1).map(Number);
  await page.setViewportSize({ width: 900, height: 560 });
  // Asked again until the new size has reached the remote side (a command typed at once may run
  // before the window-change does); a marker of its own, so the first answer is never read as this one.
  let after: number[] = [];
  await expect
    .poll(async () => {
      await typeLine(page, panel, 'clear; stty size | sed "s/^/after=/"');
      await page.waitForTimeout(300);
      const m = /after=(\d+) (\d+)/.exec(await terminalText(page, panel));
      after = m ? [Number(m[1]), Number(m[2])] : [];
      // No answer yet counts as "not changed yet".
      return after.length === 2 ? after : before;
    }, { timeout: 20_000 })
    .not.toEqual(before);
  expect(after[0]).toBeLessThan(before[0]!);
  expect(after[1]).toBeLessThan(before[1]!);
});

test('two tabs at once, a local shell with the env, and tabs survive switching views', async ({ page, context }) => {
  test.skip(app === null, skipReason);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
  await page.goto(web.url);
  await page.getByRole('button', { name: 'SSH into term1' }).click();
  const ssh = page.getByRole('tabpanel', { name: 'SSH terminal of term1' });
  await typeLine(page, ssh, 'echo "first-$((20+1))"');
  await expect.poll(() => terminalText(page, ssh), { timeout: 20_000 }).toContain('first-21');

  await page.getByRole('tab', { name: 'Machines' }).click();
  await page.getByRole('button', { name: 'More actions for term1' }).click();
  await page.getByRole('menuitem', { name: 'Open shell with env' }).click();
  const local = page.getByRole('tabpanel', { name: 'Local shell of term1' });
  await typeLine(page, local, 'echo "host=$DOCKER_HOST"');
  await expect.poll(() => terminalText(page, local), { timeout: 20_000 }).toContain(`host=tcp://127.0.0.1:${host.dockerPort}`);
  await expect(page.getByRole('tablist', { name: 'Open views' }).getByRole('tab')).toHaveCount(3);

  // Back to the first tab: its session and scrollback are still there.
  await page.getByRole('tablist', { name: 'Open views' }).getByRole('tab').nth(1).click();
  await expect(ssh).toBeVisible();
  await expect(local).toBeHidden();
  expect(await terminalText(page, ssh)).toContain('first-21');

  // Closing a tab closes its shell; the other keeps working.
  const closeButtons = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Close / });
  await closeButtons.last().click();
  await expect(page.getByRole('tablist', { name: 'Open views' }).getByRole('tab')).toHaveCount(2);
  await typeLine(page, ssh, 'echo "still-$((1+1))"');
  await expect.poll(() => terminalText(page, ssh), { timeout: 20_000 }).toContain('still-2');
});

test('a dropped connection says Disconnected and Reconnect brings the shell back', async ({ page, context }) => {
  test.skip(app === null, skipReason);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
  await page.goto(web.url);
  await page.getByRole('button', { name: 'SSH into term1' }).click();
  const panel = page.getByRole('tabpanel', { name: 'SSH terminal of term1' });
  await typeLine(page, panel, 'echo ready');
  await expect.poll(() => terminalText(page, panel), { timeout: 20_000 }).toContain('ready');
  await host.dropConnections();
  await expect(panel.getByRole('status')).toContainText(`Disconnected: The connection to 127.0.0.1:${host.port} dropped`, { timeout: 20_000 });
  await panel.getByRole('button', { name: 'Reconnect' }).click();
  await expect(panel.getByRole('status')).toBeHidden({ timeout: 20_000 });
  await typeLine(page, panel, 'echo "back-$((3+4))"');
  await expect.poll(() => terminalText(page, panel), { timeout: 20_000 }).toContain('back-7');
});

test('a machine docker-machine made (no host key pinned): the terminal shows the offered key and connects once it is trusted', async ({ page, context }) => {
  test.skip(app === null, skipReason);
  // docker-machine never records host keys: its machines reach Berth with none pinned.
  await rm(knownHostsPath(app!.machines.storePath), { force: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
  await page.goto(web.url);
  await page.getByRole('button', { name: 'SSH into term1' }).click();
  const panel = page.getByRole('tabpanel', { name: 'SSH terminal of term1' });
  const hostKey = panel.getByRole('region', { name: 'Host key' });
  await expect(hostKey).toContainText(/First contact\. The host offers the ssh-ed25519 key SHA256:\S{43}/, { timeout: 20_000 });
  await expect(panel.getByRole('button', { name: 'Connect' })).toBeDisabled();
  await hostKey.getByLabel('Trust this host key').check();
  await panel.getByRole('button', { name: 'Connect' }).click();
  await typeLine(page, panel, 'echo "trusted-$((6*7))"');
  await expect.poll(() => terminalText(page, panel), { timeout: 20_000 }).toContain('trusted-42');
  await expect.poll(async () => (await readFile(knownHostsPath(app!.machines.storePath), 'utf8').catch(() => '')).includes(`[127.0.0.1]:${host.port}`)).toBe(true);
});

test('terminal keys: Ctrl+Shift+T opens another tab for the machine, Ctrl+Tab switches, Ctrl+= grows the font, Ctrl+Shift+W closes', async ({ page }) => {
  test.skip(app === null, skipReason);
  await page.goto(web.url);
  await page.getByRole('button', { name: 'SSH into term1' }).click();
  const tabs = page.getByRole('tablist', { name: 'Open views' }).getByRole('tab');
  const first = page.getByRole('tabpanel', { name: 'SSH terminal of term1' });
  await first.locator('.terminal-host').click();
  await page.keyboard.press('Control+Shift+T');
  await expect(tabs).toHaveCount(3);
  await expect(tabs.nth(2)).toHaveAttribute('aria-selected', 'true');
  await page.locator('.terminal-view:not([hidden]) .terminal-host').click();
  await page.keyboard.press('Control+Tab');
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  const size = (): Promise<string> => page.locator('.terminal-view:not([hidden]) .xterm-rows').evaluate((el) => getComputedStyle(el).fontSize);
  const before = parseFloat(await size());
  await page.locator('.terminal-view:not([hidden]) .terminal-host').click();
  await page.keyboard.press('Control+=');
  await expect.poll(async () => parseFloat(await size())).toBe(before + 1);
  await page.keyboard.press('Control+0');
  await expect.poll(async () => parseFloat(await size())).toBe(before);
  await page.keyboard.press('Control+Shift+W');
  await expect(tabs).toHaveCount(2);
});

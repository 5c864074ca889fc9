import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { TestHost } from './hosts/hosts';
import { refusingPort } from './hosts/zoo';
import type { BerthWeb } from './support/berthWeb';
import { type HostedApp, hostedApp } from './support/testHosts';

// One real host, one store, one app: the tests build on each other (the second reuses the pinned key).
test.describe.configure({ mode: 'serial' });

let app: HostedApp | null = null;
let skipReason = '';
let host: TestHost;
let store: string;
let web: BerthWeb;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const made = await hostedApp({
    host: { flavour: 'systemd' },
    webEnv: (dir) => ({ HOME: join(dir, 'home'), SSH_AUTH_SOCK: '' }),
    // The user's own ~/.ssh/config, which the wizard offers hosts from.
    prepare: async ({ dir, host: h }) => {
      await mkdir(join(dir, 'home', '.ssh'), { recursive: true });
      await writeFile(join(dir, 'home', '.ssh', 'config'), `Host testbox\n  HostName ${h.host}\n  Port ${h.port}\n  User root\n  IdentityFile ${h.keyPath}\n`);
    },
  });
  if ('unavailable' in made) {
    skipReason = made.unavailable;
    return;
  }
  app = made;
  ({ host, store, web } = app);
});

test.afterAll(async () => {
  await app?.close();
});

const wizard = (page: Page) => page.getByRole('dialog', { name: 'Create machine' });
const row = (page: Page, name: string) =>
  page.getByRole('table', { name: 'Machines' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

async function openWizard(page: Page): Promise<void> {
  await page.goto(web.url);
  await page.getByRole('banner').getByRole('button', { name: 'Create machine' }).click();
  await expect(wizard(page)).toBeVisible();
}

test('the wizard creates a machine on a real host from ~/.ssh/config, with live steps, and the row ends Running', async ({ page }) => {
  test.skip(app === null, skipReason);
  test.setTimeout(300_000);
  await openWizard(page);
  const w = wizard(page);
  await w.getByLabel('From ~/.ssh/config').selectOption('testbox');
  await expect(w.getByLabel('Host', { exact: true })).toHaveValue('127.0.0.1');
  await expect(w.getByLabel('SSH port')).toHaveValue(String(host.port));
  await expect(w.getByLabel('Private key file')).toHaveValue(host.keyPath);

  // The name is checked as it is typed.
  const name = w.getByLabel('Machine name');
  await name.fill('bad name');
  await expect(w.getByText('Machine name "bad name" contains space')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await name.fill('wiz1');
  await expect(name).toHaveAttribute('aria-invalid', 'false');
  await w.getByRole('button', { name: 'Next' }).click();

  await expect(w.getByRole('form', { name: 'Docker Engine' })).toBeVisible();
  await expect(w.getByLabel("The distribution's package")).toBeChecked();
  await w.getByLabel('Docker TLS port').fill(String(host.dockerPort));
  await w.getByText('Engine options').click();
  await w.getByLabel('Engine labels').fill('berth.e2e=yes');
  await w.getByRole('button', { name: 'Next' }).click();

  // First contact: the fingerprint is shown and nothing is sent before the user trusts it.
  const hostKey = w.getByRole('region', { name: 'Host key' });
  await expect(hostKey).toContainText(/First contact\. The host offers the ssh-ed25519 key SHA256:[A-Za-z0-9+/]{43}/);
  const create = w.getByRole('button', { name: 'Create' });
  await expect(create).toBeDisabled();
  await hostKey.getByLabel('Trust this host key').check();
  await create.click();

  const steps = w.getByRole('list', { name: 'Steps of wiz1' });
  await expect(steps.getByRole('listitem', { name: 'Install Docker Engine: running' })).toBeVisible({ timeout: 60_000 });
  await expect(w.getByRole('log', { name: 'Log of wiz1' })).toContainText('Connected to root@127.0.0.1');
  await expect(w.getByRole('status')).toHaveText(/wiz1 is Running with Docker v20\.10\.\d+\S*\.$/, { timeout: 240_000 });
  for (const step of ['Detect OS', 'Check privileges', 'Set hostname', 'Install Docker Engine', 'Install TLS certificates', 'Configure Docker', 'Start Docker', 'Wait for Docker over TLS']) {
    await expect(steps.getByRole('listitem', { name: `${step}: done` })).toBeVisible();
  }
  await w.getByRole('button', { name: 'Close' }).click();

  const r = row(page, 'wiz1');
  await expect(r.getByRole('cell').nth(3)).toHaveText('Running', { timeout: 15_000 });
  await expect(r.getByRole('cell').nth(6)).toHaveText(/^v20\.10\.\d+(\+\S+)?$/);
  await expect(r.getByRole('cell').nth(4)).toHaveText(`tcp://127.0.0.1:${host.dockerPort}`);
  expect(await host.exec('docker info --format "{{json .Labels}}"')).toContain('berth.e2e=yes');
});

test('an unreachable host is said plainly on the review page, and Create stays off', async ({ page }) => {
  test.skip(app === null, skipReason);
  await openWizard(page);
  const w = wizard(page);
  await w.getByLabel('Machine name').fill('nowhere');
  await w.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  const port = await refusingPort();
  await w.getByLabel('SSH port').fill(String(port));
  await w.getByLabel('Password', { exact: true }).check();
  await w.getByRole('button', { name: 'Next' }).click();
  // Not past the host page without a password.
  await expect(w.getByText('The SSH password is required.')).toBeVisible();
  await w.getByLabel('SSH password').fill('irrelevant');
  await w.getByRole('button', { name: 'Next' }).click();
  await w.getByRole('button', { name: 'Next' }).click();
  await expect(w.getByRole('region', { name: 'Host key' }).getByRole('alert')).toHaveText(`127.0.0.1:${port} refused the SSH connection`);
  await expect(w.getByRole('button', { name: 'Create' })).toBeDisabled();
  await w.getByRole('button', { name: 'Back' }).click();
  await w.getByRole('button', { name: 'Back' }).click();
  await w.getByRole('button', { name: 'Cancel' }).click();
  await expect(wizard(page)).toBeHidden();
  await expect(row(page, 'nowhere')).toHaveCount(0);
});

test('a create that fails half way shows Error with the step; Retry with the sudo password finishes it; Remove removes it', async ({ page }) => {
  test.skip(app === null, skipReason);
  test.setTimeout(180_000);
  await openWizard(page);
  const w = wizard(page);
  await w.getByLabel('Machine name').fill('wiz2');
  await w.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  await w.getByLabel('SSH port').fill(String(host.port));
  await w.getByLabel('SSH user').fill('sudoer');
  await w.getByLabel('Password', { exact: true }).check();
  await w.getByLabel('SSH password').fill(host.password);
  await w.getByRole('button', { name: 'Next' }).click();
  await w.getByLabel('Keep the Docker already installed').check();
  await w.getByLabel('Docker TLS port').fill(String(host.dockerPort));
  await w.getByRole('button', { name: 'Next' }).click();
  // The key was pinned by the first create: no question this time.
  await expect(w.getByRole('region', { name: 'Host key' })).toContainText('Trusted already: SHA256:');
  await w.getByRole('button', { name: 'Create' }).click();

  await expect(w.getByRole('alert')).toContainText('step "Check privileges": sudo needs a password for sudoer@127.0.0.1', { timeout: 60_000 });
  await expect(w.getByRole('listitem', { name: 'Check privileges: failed' })).toBeVisible();
  await w.getByRole('button', { name: 'Close' }).click();

  const r = row(page, 'wiz2');
  await expect(r.getByRole('cell').nth(3)).toHaveText('Error');
  await expect(r.getByRole('cell').nth(7)).toContainText('Check privileges');
  // Its page says the same: Error, the step, Retry and Remove; Escape goes back to the list.
  await page.getByRole('button', { name: 'wiz2', exact: true }).click();
  const banner = page.getByRole('region', { name: 'wiz2' }).getByRole('alert').filter({ hasText: 'Check privileges' });
  await expect(page.getByRole('region', { name: 'wiz2' }).getByRole('status', { name: 'State' })).toHaveText('Error');
  await expect(banner.getByRole('button', { name: 'Retry wiz2' })).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Remove wiz2' })).toBeVisible();
  await page.locator('body').press('Escape');
  await r.getByRole('button', { name: 'Retry wiz2' }).click();
  const retry = page.getByRole('dialog', { name: 'Provisioning of wiz2' });
  await expect(retry.getByLabel('Last provisioning error of wiz2')).toContainText('sudo needs a password');
  await retry.getByLabel('sudo password (if sudo asks for one)').fill(host.password);
  await retry.getByRole('button', { name: 'Retry provisioning' }).click();
  await expect(retry.getByRole('status')).toHaveText(/wiz2 is Running with Docker v20\.10\.\d+\S*\.$/, { timeout: 120_000 });
  await expect(retry.getByRole('listitem', { name: 'Install Docker Engine: skipped' })).toBeVisible();
  await retry.getByRole('button', { name: 'Close' }).click();
  await expect(r.getByRole('cell').nth(3)).toHaveText('Running', { timeout: 15_000 });

  await r.getByRole('button', { name: 'More actions for wiz2' }).click();
  await page.getByRole('menuitem', { name: 'Remove…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove wiz2?' });
  await expect(confirm).toContainText('The server itself is not touched');
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(row(page, 'wiz2')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Removed wiz2' })).toBeVisible();
  expect(existsSync(join(store, 'machines', 'wiz2'))).toBe(false);
  await expect(row(page, 'wiz1')).toHaveCount(1);
});

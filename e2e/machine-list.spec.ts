import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { copyFixtureStore } from './fixtures/fixtureStore';
import { type BerthWeb, startBerthWeb } from './support/berthWeb';

let store: string;
let web: BerthWeb;

test.beforeAll(async () => {
  store = await copyFixtureStore({ corrupt: 'broken' });
  web = await startBerthWeb(store);
});
test.afterAll(async () => {
  await web.stop();
  await rm(store, { recursive: true, force: true });
});

test('lists every fixture machine with its driver, and the corrupt one as an error row', async ({ page }) => {
  await page.goto(web.url);
  const table = page.getByRole('table', { name: 'Machines' });
  // The token leaves the address bar (history, screenshots) once the page has it; a reload still works.
  await expect(table.getByRole('rowheader', { name: 'gen1' })).toBeVisible();
  expect(page.url()).toBe(`${web.origin}/`);
  await page.reload();
  for (const name of ['deb1', 'gen1', 'gen2']) {
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await expect(row.getByRole('cell').nth(2)).toHaveText('generic');
    // Nothing listens at the fixture's addresses: the honest state is Stopped, as docker-machine says.
    await expect(row.getByRole('cell').nth(3)).toHaveText('Stopped');
  }
  const broken = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'broken' }) });
  await expect(broken).toContainText('Error');
  await expect(broken).toContainText('Machine "broken": config.json is not valid JSON');
});

const expectedEnv = (shell: string, dir: string): string =>
  ({
    bash: `export DOCKER_TLS_VERIFY="1"\nexport DOCKER_HOST="tcp://127.0.0.1:2376"\nexport DOCKER_CERT_PATH="${dir}"\nexport DOCKER_MACHINE_NAME="gen1"\n`,
    fish: `set -gx DOCKER_TLS_VERIFY "1";\nset -gx DOCKER_HOST "tcp://127.0.0.1:2376";\nset -gx DOCKER_CERT_PATH "${dir}";\nset -gx DOCKER_MACHINE_NAME "gen1";\n`,
    powershell: `$Env:DOCKER_TLS_VERIFY = "1"\n$Env:DOCKER_HOST = "tcp://127.0.0.1:2376"\n$Env:DOCKER_CERT_PATH = "${dir}"\n$Env:DOCKER_MACHINE_NAME = "gen1"\n`,
    cmd: `SET DOCKER_TLS_VERIFY=1\nSET DOCKER_HOST=tcp://127.0.0.1:2376\nSET DOCKER_CERT_PATH=${dir}\nSET DOCKER_MACHINE_NAME=gen1\n`,
    tcsh: `setenv DOCKER_TLS_VERIFY "1";\nsetenv DOCKER_HOST "tcp://127.0.0.1:2376";\nsetenv DOCKER_CERT_PATH "${dir}";\nsetenv DOCKER_MACHINE_NAME "gen1";\n`,
  })[shell]!;

test('copies the fish env of a machine to the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
  await page.goto(web.url);
  await page.getByRole('button', { name: 'Copy env for gen1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Environment for gen1' });
  await dialog.getByLabel('Shell').selectOption('fish');
  const text = expectedEnv('fish', join(store, 'machines', 'gen1'));
  // The text is shown before it is copied.
  await expect(dialog.getByLabel('Env exports')).toHaveText(text, { useInnerText: true });
  await dialog.getByRole('button', { name: 'Copy to clipboard' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied fish env for gen1' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
});

test('shows docker-machine\'s variable lines for every shell it has', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
  await page.goto(web.url);
  await page.getByRole('button', { name: 'Copy env for gen1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Environment for gen1' });
  for (const shell of ['bash', 'fish', 'powershell', 'cmd', 'tcsh']) {
    await dialog.getByLabel('Shell').selectOption(shell);
    const text = expectedEnv(shell, join(store, 'machines', 'gen1'));
    await expect(dialog.getByLabel('Env exports')).toHaveText(text, { useInnerText: true });
    await dialog.getByRole('button', { name: 'Copy to clipboard' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(text);
  }
  await dialog.getByLabel('Unset the variables').check();
  await dialog.getByLabel('Shell').selectOption('bash');
  await expect(dialog.getByLabel('Env exports')).toHaveText(
    'unset DOCKER_TLS_VERIFY\nunset DOCKER_HOST\nunset DOCKER_CERT_PATH\nunset DOCKER_MACHINE_NAME\n',
    { useInnerText: true },
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('a page with a wrong token is refused and says why', async ({ page }) => {
  await page.goto(`${web.origin}/#token=${'0'.repeat(64)}`);
  await expect(page.getByRole('alert')).toContainText("the link's token is missing or wrong");
  await expect(page.getByRole('table', { name: 'Machines' })).toHaveCount(0);
});

test('About shows the app and Docker client versions', async ({ page }) => {
  await page.goto(web.url);
  await page.getByRole('button', { name: 'About' }).click();
  const about = page.getByRole('dialog', { name: 'About Berth' });
  await expect(about).toContainText(/Berth version\s*\d+\.\d+\.\d+/);
  await expect(about).toContainText('Docker client');
  await expect(about).toContainText(store);
});

test('a dialog keeps the keyboard inside it, and gives focus back to the button that opened it', async ({ page }) => {
  await page.goto(web.url);
  const opener = page.getByRole('button', { name: 'Copy env for gen1' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Environment for gen1' });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('Enter does the default of a dialog (About: close; Env: copy); Escape asks before a filled wizard is thrown away', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
  await page.goto(web.url);
  await page.getByRole('button', { name: 'About' }).click();
  await expect(page.getByRole('dialog', { name: 'About Berth' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'About Berth' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'About' })).toBeFocused();

  await page.getByRole('button', { name: 'Copy env for gen1' }).click();
  await expect(page.getByRole('dialog', { name: 'Environment for gen1' }).getByLabel('Env exports')).toContainText('DOCKER_MACHINE_NAME');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'env for gen1' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('export DOCKER_MACHINE_NAME="gen1"');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Create machine' }).click();
  const wizard = page.getByRole('dialog', { name: 'Create machine' });
  await wizard.getByLabel('Machine name').fill('half-typed');
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.keyboard.press('Escape');
  await expect.poll(() => asked).toEqual(['Discard the settings of this new machine?']);
  await expect(wizard.getByLabel('Machine name')).toHaveValue('half-typed');
  page.once('dialog', (d) => void d.accept());
  await page.keyboard.press('Escape');
  await expect(wizard).toBeHidden();
  // Nothing typed: Escape just closes.
  await page.getByRole('button', { name: 'Create machine' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Create machine' })).toBeHidden();
});

test('an empty store shows the first-run view', async ({ page }) => {
  const empty = await mkdtemp(join(tmpdir(), 'berth-empty-'));
  const emptyWeb = await startBerthWeb(join(empty, 'not-created-yet'));
  try {
    await page.goto(emptyWeb.url);
    const firstRun = page.getByRole('region', { name: 'No machines yet' });
    await expect(firstRun).toBeVisible();
    await firstRun.getByRole('button', { name: 'Create machine' }).click();
    await expect(page.getByRole('dialog', { name: 'Create machine' })).toBeVisible();
  } finally {
    await emptyWeb.stop();
    await rm(empty, { recursive: true, force: true });
  }
});

test('filters by name, driver and state, and sorts by a column', async ({ page }) => {
  await page.goto(web.url);
  const table = page.getByRole('table', { name: 'Machines' });
  const names = () => table.getByRole('rowheader').allInnerTexts();
  await expect.poll(names).toEqual(['broken', 'deb1', 'gen1', 'gen2']);
  await page.getByRole('columnheader', { name: 'Sort by name' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Sort by name' })).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(names).toEqual(['gen2', 'gen1', 'deb1', 'broken']);
  await page.getByLabel('Filter by name').fill('GEN');
  await expect.poll(names).toEqual(['gen2', 'gen1']);
  await page.getByLabel('Filter by name').fill('');
  await page.getByLabel('Filter by state').selectOption('Error');
  await expect.poll(names).toEqual(['broken']);
  await page.getByLabel('Filter by state').selectOption('');
  await page.getByLabel('Filter by driver').selectOption('generic');
  await expect.poll(names).toEqual(['gen2', 'gen1', 'deb1']);
  await page.getByLabel('Filter by name').fill('nothing-like-this');
  await expect(table).toContainText('No machine matches the filter.');
});

test("a machine's page shows its record, certificates and why actions are off", async ({ page, context }) => {
  await page.goto(web.url);
  await page.getByRole('button', { name: 'gen1', exact: true }).click();
  const detail = page.getByRole('region', { name: 'gen1' });
  await expect(detail.getByRole('heading', { name: 'gen1' })).toBeVisible();
  const overview = detail.getByRole('region', { name: 'Overview' });
  await expect(overview).toContainText('generic');
  await expect(overview).toContainText('tcp://127.0.0.1:2376');
  const actions = detail.getByRole('toolbar', { name: 'Actions for gen1' });
  // A generic host is not Berth's to power on or off: the buttons say why instead.
  for (const action of ['Start', 'Stop']) {
    await expect(actions.getByRole('button', { name: action, exact: true })).toBeDisabled();
    await expect(actions.getByRole('button', { name: action, exact: true })).toHaveAttribute('title', /not power it on or off/);
  }
  // Nothing answers at its address: what needs the host is off, and says why.
  await expect(actions.getByRole('button', { name: 'Restart' })).toBeDisabled();
  await expect(actions.getByRole('button', { name: 'Restart' })).toHaveAttribute('title', /^gen1 is Stopped/);
  await expect(actions.getByRole('button', { name: 'SSH' })).toBeDisabled();
  // The rest are in "More…", each with why it is off; Remove stands apart.
  await expect(actions.getByRole('button', { name: 'Remove…' })).toBeEnabled();
  await actions.getByRole('button', { name: 'More actions for gen1' }).click();
  const kill = page.getByRole('menuitem', { name: /^Kill/ });
  await expect(kill).toBeDisabled();
  await expect(kill).toContainText('not power it on or off');
  // Copy docker flags: one line, to paste after `docker `.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
  await page.getByRole('menuitem', { name: 'Copy docker flags' }).click();
  const dir = join(store, 'machines', 'gen1');
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe(`--tlsverify --tlscacert="${dir}/ca.pem" --tlscert="${dir}/cert.pem" --tlskey="${dir}/key.pem" -H=tcp://127.0.0.1:2376`);
  await expect(detail.getByRole('region', { name: 'TLS certificates' })).toContainText(/valid until/);
  // Nothing answers at the fixture's address: the versions table says so rather than hanging.
  await expect(detail.getByRole('region', { name: 'Versions' })).toContainText('did not answer', { timeout: 15_000 });
  await detail.getByRole('tab', { name: 'Config' }).click();
  await expect(detail.getByLabel('Configuration of gen1')).toContainText('"DriverName": "generic"');
  await detail.getByRole('button', { name: '← All machines' }).click();
  await expect(page.getByRole('table', { name: 'Machines' })).toBeVisible();
});

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import type { TestHost } from './hosts/hosts';
import { type HostedApp, hostedApp } from './support/testHosts';
import { axeSerious } from './support/axe';

// The env dialog's "Use with the docker CLI": a context in the docker CLI's own store, checked with
// the real docker CLI against the machine's real daemon.

test.describe.configure({ mode: 'serial' });

let app: HostedApp | null = null;
let skipReason = '';
let host: TestHost;
const run = promisify(execFile);
const dockerConfig = (): string => join(app!.dir, '.docker');
const docker = async (args: string[]): Promise<string> => (await run('docker', args, { env: { PATH: process.env.PATH, DOCKER_CONFIG: dockerConfig() } })).stdout;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const made = await hostedApp({ host: { flavour: 'systemd' }, machine: 'ctx1', webEnv: (dir) => ({ HOME: dir }) });
  if ('unavailable' in made) {
    skipReason = made.unavailable;
    return;
  }
  app = made;
  host = app.host;
});

test.afterAll(async () => {
  await app?.close();
});

test('the env dialog creates the docker context, makes it current and removes it; the docker CLI follows', async ({ page }) => {
  test.skip(app === null, skipReason);
  await page.goto(app!.web.url);
  await page.getByRole('button', { name: 'Copy env for ctx1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Environment for ctx1' });
  const section = dialog.getByRole('region', { name: 'Docker context' });
  await expect(section.getByRole('status')).toHaveText('No docker context for ctx1 yet.');

  await section.getByRole('button', { name: 'Use with the docker CLI' }).click();
  await expect(section.getByRole('status')).toHaveText(`Docker context "ctx1" → tcp://127.0.0.1:${host.dockerPort}.`);
  expect(await docker(['--context', 'ctx1', 'version', '--format', '{{.Server.Version}}'])).toMatch(/^20\.10\./);
  await expect(section.getByRole('button', { name: 'Copy: docker context use ctx1' })).toBeVisible();
  await expect(section.getByRole('button', { name: 'Copy: export DOCKER_CONTEXT="ctx1"' })).toBeVisible();
  await dialog.getByLabel('Shell').selectOption('fish');
  await expect(section.getByRole('button', { name: 'Copy: set -gx DOCKER_CONTEXT "ctx1";' })).toBeVisible();

  expect(await axeSerious(page, '[role="dialog"]')).toEqual([]);

  await section.getByRole('button', { name: 'Make it current' }).click();
  await expect(section.getByRole('status')).toContainText("(the docker CLI's current context)");
  expect(JSON.parse(await readFile(join(dockerConfig(), 'config.json'), 'utf8'))).toEqual({ currentContext: 'ctx1' });
  expect((await docker(['info', '--format', '{{.Name}}'])).trim()).toBe('ctx1');

  await section.getByRole('button', { name: 'Remove docker context' }).click();
  await expect(section.getByRole('status')).toHaveText('No docker context for ctx1 yet.');
  expect(await docker(['context', 'ls', '--format', '{{.Name}}'])).not.toContain('ctx1');
});

test('removing the machine asks about its docker context: kept when unticked', async ({ page }) => {
  test.skip(app === null, skipReason);
  await page.goto(app!.web.url);
  await page.getByRole('button', { name: 'Copy env for ctx1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Environment for ctx1' });
  await dialog.getByRole('region', { name: 'Docker context' }).getByRole('button', { name: 'Use with the docker CLI' }).click();
  await expect(dialog.getByRole('region', { name: 'Docker context' }).getByRole('status')).toContainText('→ tcp://');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'More actions for ctx1' }).click();
  await page.getByRole('menuitem', { name: 'Remove…' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove ctx1?' });
  const keep = remove.getByRole('checkbox', { name: 'Also remove its docker context "ctx1"' });
  await expect(keep).toBeChecked();
  await keep.uncheck();
  await remove.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('button', { name: 'More actions for ctx1' })).toBeHidden();
  expect(await docker(['context', 'ls', '--format', '{{.Name}}'])).toContain('ctx1');
});

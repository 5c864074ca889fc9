import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { removeMachine } from '../electron/core/services/removal';
import { MachineService } from '../electron/core/services/machineService';
import { cloudImage } from '../shared/cloudImages';
import { hostPrerequisiteProblem } from './hosts/docker';
import { type ImageServer, serveImageWithSums, startImageServer } from './hosts/imageServer';
import { ensureVmImage, VM_KERNEL_APPEND, type VmImage } from './hosts/vmImage';
import { type BerthWeb, startBerthWeb } from './support/berthWeb';

let image: VmImage | null = null;
let skipReason = '';
let dir: string;
let web: BerthWeb;
let mirror: ImageServer;
const DEBIAN_12_PATH = new URL(cloudImage('debian-12')!.urls.x86_64).pathname;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const problem = hostPrerequisiteProblem();
  if (problem) {
    if (process.env.CI) throw new Error(`CI must run the QEMU e2e test, but ${problem}`);
    skipReason = problem;
    return;
  }
  image = await ensureVmImage((line) => console.log(`[e2e qemu] ${line}`));
  dir = await mkdtemp(join(tmpdir(), 'bqe-'));
  // No internet: a local "cloud.debian.org" serves the test image as Debian 12's, with a SHA512SUMS
  // beside it, and hangs a third of the way (the user cancels, then retries).
  mirror = await serveImageWithSums(DEBIAN_12_PATH, image.disk, { stallAfterBytes: 200 * 1024 * 1024, stallMs: 300_000 });
  // KVM exists on these machines but hangs nested guests: the app is told to use TCG.
  web = await startBerthWeb(join(dir, 'store'), { BERTH_QEMU_ACCEL: 'tcg', BERTH_IMAGE_MIRROR: mirror.origin });
});

test.afterAll(async () => {
  if (!image) return;
  await web.stop();
  await mirror.close();
  await removeMachine(new MachineService(join(dir, 'store'), {}), 'vm1').catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

test("QEMU's folder can be chosen in the wizard when its tools are not on PATH; a folder that does not exist is refused", async ({ page }) => {
  test.skip(image === null, skipReason);
  await page.goto(web.url);
  await page.getByRole('banner').getByRole('button', { name: 'Create machine' }).click();
  const w = page.getByRole('dialog', { name: 'Create machine' });
  await w.getByLabel('Driver').selectOption('qemu');
  await w.getByText('QEMU folder (PATH)').click();
  const folder = w.getByLabel('Folder with qemu-system and qemu-img');
  await folder.fill('/no/such/qemu');
  await w.getByRole('button', { name: 'Use this folder' }).click();
  await expect(w.getByText('/no/such/qemu is not a folder')).toBeVisible();
  await folder.fill('/usr/bin');
  await w.getByRole('button', { name: 'Use this folder' }).click();
  await expect(w.getByText('QEMU folder: /usr/bin')).toBeVisible();
  await w.getByRole('button', { name: 'Use PATH only' }).click();
  await expect(w.getByText('QEMU folder (PATH)')).toBeVisible();
  await w.getByRole('button', { name: 'Cancel' }).click();
});

test('an image URL is verified: without a published checksum the create fails at the download and says what to give; a wrong checksum is refused', async ({ page }) => {
  test.skip(image === null, skipReason);
  const own = await startImageServer({ '/own/disk.qcow2': { body: Buffer.alloc(3_000_000, 7) } });
  try {
    await page.goto(web.url);
    await page.getByRole('banner').getByRole('button', { name: 'Create machine' }).click();
    const w = page.getByRole('dialog', { name: 'Create machine' });
    await w.getByLabel('Driver').selectOption('qemu');
    await w.getByLabel('Machine name').fill('byurl');
    await w.getByRole('radio', { name: 'Image URL' }).check();
    await w.getByRole('textbox', { name: 'Image URL' }).fill('/not/a/url.qcow2');
    await expect(w.getByText('An http:// or https:// address of a qcow2 cloud image is required.')).toBeVisible();
    await w.getByRole('textbox', { name: 'Image URL' }).fill(own.url('/own/disk.qcow2'));
    for (let i = 0; i < 2; i++) await w.getByRole('button', { name: 'Next' }).click();
    await expect(w).toContainText(`${own.url('/own/disk.qcow2')} (downloaded into the store's cache)`);
    await w.getByRole('button', { name: 'Create' }).click();
    await expect(w.getByRole('listitem', { name: 'Download the image: failed' })).toBeVisible({ timeout: 30_000 });
    await expect(w.getByRole('alert')).toContainText('no published checksum');
    await expect(w.getByRole('alert')).toContainText('--qemu-image-checksum sha256:HEX');

    await w.getByRole('button', { name: 'Edit and try again' }).click();
    await w.getByLabel('Checksum (if the server publishes none)').fill(`sha256:${'0'.repeat(64)}`);
    for (let i = 0; i < 2; i++) await w.getByRole('button', { name: 'Next' }).click();
    await w.getByRole('button', { name: 'Create' }).click();
    await expect(w.getByRole('alert')).toContainText(`does not match its sha256 checksum: expected ${'0'.repeat(64)}`, { timeout: 30_000 });
    await w.getByRole('button', { name: 'Edit and try again' }).click();
    await w.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('button', { name: 'byurl', exact: true })).toHaveCount(0);
  } finally {
    await own.close();
  }
});

test('the wizard creates a QEMU VM from Debian 12 (downloaded from a local mirror, verified); one step list with a progress bar for the download; Cancel and Retry resume the download; the row ends Running; Stop, Start and Remove from its page', async ({ page }) => {
  test.skip(image === null, skipReason);
  test.setTimeout(600_000);
  await page.goto(web.url);
  await page.getByRole('banner').getByRole('button', { name: 'Create machine' }).click();
  const w = page.getByRole('dialog', { name: 'Create machine' });
  await w.getByLabel('Driver').selectOption('qemu');
  await expect(w.getByText('Accelerator: TCG — Slow: no hardware acceleration')).toBeVisible();
  await w.getByLabel('Machine name').fill('vm1');
  // Debian 12 is the default; a local file needs its path.
  await expect(w.getByRole('radio', { name: 'Debian 12 (bookworm): download once, verified' })).toBeChecked();
  await w.getByRole('radio', { name: 'Local image file' }).check();
  await w.getByRole('button', { name: 'Next' }).click();
  await expect(w.getByText('The path of a VM image (qcow2 with cloud-init) is required.')).toBeVisible();
  await w.getByRole('radio', { name: 'Debian 12 (bookworm): download once, verified' }).check();
  await expect(w.getByLabel('VM image')).toBeHidden();
  await w.getByLabel(/^CPUs: /).fill('2');
  await w.getByLabel(/^Memory: /).fill('1024');
  await w.getByText('Boot a kernel directly').click();
  await w.getByLabel('Kernel', { exact: true }).fill(image!.kernel);
  await w.getByLabel('Initrd').fill(image!.initrd);
  await w.getByLabel('Kernel command line').fill(VM_KERNEL_APPEND);
  await w.getByRole('button', { name: 'Next' }).click();
  await w.getByRole('button', { name: 'Next' }).click();
  await expect(w).toContainText('2 CPUs, 1024 MB memory');
  await expect(w).toContainText("Debian 12 (bookworm) (downloaded into the store's cache)");
  await expect(w).toContainText('Installed during the create (no Docker-ready base for this image yet)');
  await w.getByRole('button', { name: 'Create' }).click();

  // One list: the VM's steps, then provisioning's, then keeping a Docker-ready base, from the start.
  const steps = w.getByRole('list', { name: 'Steps of vm1' }).getByRole('listitem');
  await expect(steps.first()).toHaveAccessibleName(/^Download the image: /);
  await expect(steps.last()).toHaveAccessibleName(/^Keep a Docker-ready base: /);
  await expect(steps).toHaveCount(13);
  const download = w.getByRole('listitem', { name: 'Download the image: running' });
  await expect(download.getByRole('progressbar', { name: 'Download the image progress' })).toBeVisible({ timeout: 30_000 });
  await expect(download).toContainText('209.7 MB of 598.3 MB (35%)', { timeout: 30_000 });

  // The download hangs: Cancel keeps what was fetched, Retry resumes it (an HTTP Range request).
  await w.getByRole('button', { name: 'Cancel' }).click();
  await expect(w.getByRole('alert')).toContainText('Cancelled: Machine "vm1", step "Download the image"');
  await expect(w.getByRole('alert')).toContainText('the part already fetched is kept for the next try');
  mirror.misbehave({});
  await w.getByRole('button', { name: 'Retry' }).click();
  await expect(w.getByRole('listitem', { name: 'Download the image: done' })).toBeVisible({ timeout: 60_000 });
  expect(mirror.requests.filter((r) => r.path === DEBIAN_12_PATH).map((r) => r.range)).toEqual([null, 'bytes=209715200-']);
  await expect(w.getByRole('log')).toContainText('Verified sha512');
  await expect(w.getByRole('listitem', { name: 'Boot: done' })).toBeVisible({ timeout: 60_000 });
  await expect(w.getByRole('listitem', { name: 'Install Docker Engine: running' })).toBeVisible({ timeout: 240_000 });
  await expect(w.getByRole('status')).toHaveText(/vm1 is Running with Docker v20\.10\.\S+\.$/, { timeout: 400_000 });
  await w.getByRole('button', { name: 'Close' }).click();
  const row = page.getByRole('table', { name: 'Machines' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'vm1', exact: true }) });
  await expect(row.getByRole('cell').nth(2)).toHaveText('qemu');
  await expect(row.getByRole('cell').nth(3)).toHaveText('Running', { timeout: 20_000 });
  await expect(row.getByRole('cell').nth(6)).toHaveText(/^v20\.10\./);

  // The machine's page shows the recorded accelerator and the VM's serial console.
  await page.getByRole('button', { name: 'vm1', exact: true }).click();
  const detail = page.getByRole('region', { name: 'vm1' });
  await expect(detail.getByRole('region', { name: 'Overview' })).toContainText('TCG — Slow: no hardware acceleration');
  await expect(detail.getByRole('region', { name: 'Overview' })).toContainText('2 CPUs, 1024 MB memory');
  await expect(detail.getByRole('region', { name: 'Overview' })).toContainText(`${mirror.origin}${DEBIAN_12_PATH} (cached as `);
  await detail.getByRole('tab', { name: 'Logs' }).click();
  await expect(detail.getByLabel('Serial console of vm1')).toContainText(/cloud-init|login/i);

  // Stop, Start and Remove from its page; the downloaded image stays in the cache.
  const state = detail.getByRole('status', { name: 'State' });
  const actions = detail.getByRole('toolbar', { name: 'Actions for vm1' });
  await actions.getByRole('button', { name: 'Stop', exact: true }).click();
  const stopping = page.getByRole('dialog', { name: 'Stop vm1' });
  await expect(stopping.getByRole('status')).toHaveText('vm1 is Stopped.', { timeout: 120_000 });
  await stopping.getByRole('button', { name: 'Close' }).click();
  await expect(state).toHaveText('Stopped', { timeout: 15_000 });
  await actions.getByRole('button', { name: 'Start', exact: true }).click();
  const starting = page.getByRole('dialog', { name: 'Start vm1' });
  await expect(starting.getByRole('status')).toHaveText(/vm1 is Running with Docker v20\.10\.\S+\.$/, { timeout: 300_000 });
  await starting.getByRole('button', { name: 'Close' }).click();
  await expect(state).toHaveText('Running', { timeout: 15_000 });
  await actions.getByRole('button', { name: 'Remove…', exact: true }).click();
  await page.getByRole('dialog', { name: 'Remove vm1?' }).getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('region', { name: 'No machines yet' })).toBeVisible();
  expect(existsSync(join(dir, 'store', 'machines', 'vm1'))).toBe(false);
  expect((await readdir(join(dir, 'store', 'cache'))).filter((f) => f.endsWith('-debian-12-genericcloud-amd64.qcow2'))).toHaveLength(1);
  // The base the create kept stays too, for the next VM of this image.
  expect((await readdir(join(dir, 'store', 'cache', 'bases'))).filter((f) => f.includes('-distro-'))).toHaveLength(1);
});

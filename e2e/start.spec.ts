import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { copyFixtureStore } from './fixtures/fixtureStore';
import { projectWithoutElectron } from './support/projectCopy';

// `npm start` on a fresh computer: the launcher (bin/berth-start.mjs) on a copy of the project with
// no Electron binary, against a loopback server laid out like Electron's release mirror.

const version = JSON.parse(await readFile(new URL('../node_modules/electron/package.json', import.meta.url), 'utf8')).version as string;
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;

let work: string;
let store: string;
test.beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'berth-start-'));
  store = await copyFixtureStore();
});
test.afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(store, { recursive: true, force: true });
});

/** A zip like Electron's: the executable (here a stand-in that records its arguments) and `version`. */
async function electronZip(record: string): Promise<Buffer> {
  const dir = join(work, 'zip-src');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'electron'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`);
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'version'), `v${version}`);
  const zip = join(work, zipName);
  execFileSync('zip', ['-q', '-X', zip, 'electron', 'version'], { cwd: dir });
  return readFile(zip);
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function launch(project: string, env: NodeJS.ProcessEnv): Run {
  const base = { ...process.env };
  for (const k of ['DISPLAY', 'WAYLAND_DISPLAY', 'ELECTRON_EXEC_PATH', 'ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_MIRROR', 'BERTH_TOKEN']) delete base[k];
  const child = spawn(process.execPath, [join(project, 'bin', 'berth-start.mjs')], {
    cwd: project,
    env: { ...base, MACHINE_STORAGE_PATH: store, BERTH_NO_BROWSER: '1', electron_config_cache: join(work, 'cache'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** The launcher fell back to browser-host mode: its URL line serves the app with the store's machines. */
async function expectBrowserHost(run: Run, page: import('@playwright/test').Page): Promise<void> {
  await expect.poll(run.stdout, { timeout: 30_000 }).toMatch(/\n/);
  const line = run.stdout().split('\n')[0]!;
  expect(line).toMatch(/^Berth is listening on http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
  await page.goto(line.replace('Berth is listening on ', ''));
  await expect(page.getByRole('rowheader', { name: 'gen1' })).toBeVisible();
  run.child.kill('SIGTERM');
  expect(await run.exit).toBe(0);
}

test('downloads Electron through its own installer from a mirror, then hands its executable the app', async () => {
  const record = join(work, 'args.txt');
  const zip = await electronZip(record);
  const sums = `${createHash('sha256').update(zip).digest('hex')} *${zipName}\n`;
  const requests: string[] = [];
  const { server, url } = await listen((req, res) => {
    requests.push(req.url!);
    if (req.url === `/v${version}/${zipName}`) res.writeHead(200, { 'content-length': zip.length }).end(zip);
    else if (req.url === `/v${version}/SHASUMS256.txt`) res.writeHead(200).end(sums);
    else res.writeHead(404).end();
  });
  const project = await projectWithoutElectron();
  try {
    const run = launch(project, { DISPLAY: ':99', ELECTRON_MIRROR: url, electron_use_remote_checksums: '1' });
    expect(await run.exit).toBe(0);
    expect(requests).toContain(`/v${version}/${zipName}`);
    expect(requests).toContain(`/v${version}/SHASUMS256.txt`);
    expect(run.stderr()).toContain(`Downloading Electron ${version} for ${process.platform}-${process.arch}`);
    expect(run.stderr()).toMatch(/Electron: [\d.]+ of [\d.]+ MB \(100%\)/);
    const electronDir = join(project, 'node_modules', 'electron');
    expect(await readFile(join(electronDir, 'path.txt'), 'utf8')).toBe('electron');
    // The stand-in ran from the extracted dist, and was given the project as the app to load.
    expect((await readFile(record, 'utf8')).split('\n')[0]).toBe(project.endsWith('/') ? project : `${project}/`);
    expect(run.stdout()).toBe('');
  } finally {
    server.close();
    await rm(project, { recursive: true, force: true });
  }
});

test('when the download cannot happen, it explains in one paragraph and serves the UI in the browser', async ({ page }) => {
  const { server, url } = await listen(() => {});
  await new Promise((resolve) => server.close(resolve)); // nothing listens there any more: refused
  const project = await projectWithoutElectron();
  try {
    const run = launch(project, { DISPLAY: ':99', ELECTRON_MIRROR: url, electron_use_remote_checksums: '1' });
    await expectBrowserHost(run, page);
    const paragraph = run.stderr().split('\n').find((l) => l.startsWith('Berth cannot open its window'))!;
    expect(paragraph).toContain(`downloading Electron failed: fetch failed (ECONNREFUSED 127.0.0.1:${new URL(url).port})`);
    for (const setting of ['ELECTRON_MIRROR', 'electron_config_cache', 'ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_EXEC_PATH', 'browser-host mode']) {
      expect(paragraph).toContain(setting);
    }
  } finally {
    await rm(project, { recursive: true, force: true });
  }
});

test('without a display it says so and serves the UI in the browser, downloading nothing', async ({ page }) => {
  const requests: string[] = [];
  const { server, url } = await listen((req, res) => {
    requests.push(req.url!);
    res.writeHead(404).end();
  });
  const project = await projectWithoutElectron();
  try {
    const run = launch(project, { ELECTRON_MIRROR: url });
    await expectBrowserHost(run, page);
    expect(run.stderr()).toContain('there is no display here (DISPLAY and WAYLAND_DISPLAY are unset');
    expect(requests).toEqual([]);
  } finally {
    server.close();
    await rm(project, { recursive: true, force: true });
  }
});

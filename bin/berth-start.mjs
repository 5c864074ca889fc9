#!/usr/bin/env node
// `npm start` (and `npm run dev` with --dev): makes sure Electron's binary is there, then opens the
// Berth window. Where no window can be had — no display (SSH session, CI), Electron cannot be
// downloaded, or it does not start — it says why in plain words and serves the same UI in the
// browser instead (browser-host mode), so `npm start` always ends in a usable Berth.
// Our messages go to stderr; stdout carries only the web host's URL line.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';
import { ensureElectron } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const dev = args[0] === '--dev';
const appArgs = dev ? args.slice(1) : args;
const say = (text) => process.stderr.write(`${text}\n`);

/** A reason when this session cannot show a window. macOS and Windows always have a desktop. */
function noDisplayReason(env = process.env) {
  if (process.platform === 'darwin' || process.platform === 'win32') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'there is no display here (DISPLAY and WAYLAND_DISPLAY are unset, as in an SSH session or CI)';
}

/** Opens the URL in the default browser when a desktop exists; failing that, the printed URL is enough. */
function openBrowser(url) {
  if (process.env.BERTH_NO_BROWSER || noDisplayReason()) return;
  const [cmd, cmdArgs] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, cmdArgs, { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}

/** Browser-host mode in a child process: its URL line is copied to our stdout, its exit code is ours. */
function startWeb() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./berth-web.mjs', import.meta.url)), ...appArgs], {
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let first = '';
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (first !== null) {
      first += chunk.toString();
      const match = /^Berth is listening on (\S+)/.exec(first);
      if (first.includes('\n')) {
        if (match) openBrowser(match[1]);
        first = null;
      }
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function fallBack(reason, fixes) {
  say(`Berth cannot open its window: ${reason}. ${fixes}Starting Berth in browser-host mode instead: open the URL below in a browser.`);
  startWeb();
}

const SETTINGS =
  'To get the window, let Electron download once (it needs the internet, ~100 MB), or set ELECTRON_MIRROR to a mirror ' +
  'you can reach, electron_config_cache to an Electron download cache copied from a computer that has one, or ELECTRON_OVERRIDE_DIST_PATH / ELECTRON_EXEC_PATH ' +
  'to an Electron you installed yourself; then run npm start again. ';

async function main() {
  const headless = noDisplayReason();
  if (headless) return fallBack(headless, '');
  const electron = await ensureElectron(root);
  if (electron.error) return fallBack(electron.error, SETTINGS);

  if (dev) {
    // electron-vite honours ELECTRON_EXEC_PATH instead of looking for path.txt itself.
    const vite = spawn(process.execPath, [fileURLToPath(new URL('../node_modules/electron-vite/bin/electron-vite.js', import.meta.url)), 'dev', ...appArgs], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ELECTRON_EXEC_PATH: electron.path },
    });
    vite.on('exit', (code) => process.exit(code ?? 1));
    return;
  }
  if (!buildIfStale(root, ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html'], ['electron', 'renderer', 'shared'])) {
    say('berth: building the app failed (see above)');
    process.exit(1);
  }
  const started = Date.now();
  const app = spawn(electron.path, [root, ...appArgs], { stdio: 'inherit' });
  let settled = false;
  // A binary that cannot run here (missing system libraries, no permission) fails at once: fall back then.
  app.on('error', (err) => {
    settled = true;
    fallBack(`Electron could not be started (${err.code ?? err.message}: ${electron.path})`, SETTINGS);
  });
  app.on('exit', (code, signal) => {
    if (settled) return;
    settled = true;
    if (code !== 0 && signal === null && Date.now() - started < 10_000) {
      return fallBack(`Electron exited at start with code ${code} (see its messages above)`, '');
    }
    process.exit(code ?? 1);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => app.kill(sig));
}

await main();

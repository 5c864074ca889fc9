// Finds Electron's executable, downloading it first when it is missing. Electron ≥ 42 has no
// install-time download: the binary arrives when something runs node_modules/electron/install.js,
// and electron-vite only looks for path.txt and throws "Electron uninstall". We use Electron's own
// installer so its documented settings hold (ELECTRON_MIRROR, electron_config_cache,
// electron_use_remote_checksums, ELECTRON_GET_USE_PROXY, ELECTRON_OVERRIDE_DIST_PATH), and run its
// downloader first with a progress callback so a ~100 MB download is not a silent minute.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The executable's path inside an Electron dist folder, as install.js names it. */
function platformPath(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The installed executable, or null. Mirrors install.js's own isInstalled() and index.js's path. */
function installedPath(pkgDir, version, env) {
  if (env.ELECTRON_EXEC_PATH) return env.ELECTRON_EXEC_PATH;
  const rel = platformPath(env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform);
  const read = (f) => {
    try {
      return readFileSync(join(pkgDir, f), 'utf8').trim();
    } catch {
      return null;
    }
  };
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return join(env.ELECTRON_OVERRIDE_DIST_PATH, read('path.txt') || rel);
  if (read('path.txt') !== rel || read('dist/version')?.replace(/^v/, '') !== version) return null;
  const exe = join(pkgDir, 'dist', rel);
  return existsSync(exe) ? exe : null;
}

const MB = (n) => (n / 1e6).toFixed(1);

/** One progress line: rewritten in place on a terminal, every 10 % otherwise (logs stay short). */
function progressReporter(out, label) {
  let lastTenth = -1;
  return ({ transferred, total }) => {
    const pct = total ? Math.floor((transferred / total) * 100) : null;
    const text = `${label}: ${MB(transferred)}${total ? ` of ${MB(total)} MB (${pct}%)` : ' MB'}`;
    if (out.isTTY) out.write(`\r${text}\x1b[K`);
    else if (pct !== null && Math.floor(pct / 10) !== lastTenth) {
      lastTenth = Math.floor(pct / 10);
      out.write(`${text}\n`);
    }
    return Promise.resolve();
  };
}

/**
 * Returns { path } of Electron's executable, downloading and extracting it when missing, or
 * { error } saying why it cannot be had. `root` is the project whose node_modules holds electron.
 */
export async function ensureElectron(root, { env = process.env, out = process.stderr } = {}) {
  let pkgDir;
  try {
    pkgDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { error: 'the electron package is not installed (run npm install)' };
  }
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const have = installedPath(pkgDir, version, env);
  if (have) return existsSync(have) ? { path: have } : { error: `${have} does not exist` };

  const platform = env.ELECTRON_INSTALL_PLATFORM || env.npm_config_platform || process.platform;
  const arch = env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || process.arch;
  const label = `Downloading Electron ${version} for ${platform}-${arch} (once, about 100 MB)`;
  out.write(`${label} from ${env.ELECTRON_MIRROR || "Electron's releases"}…\n`);
  try {
    // Fills Electron's download cache with progress; install.js below finds it there, verifies and extracts.
    const get = await import(pathToFileURL(createRequire(join(pkgDir, 'package.json')).resolve('@electron/get')).href);
    await get.downloadArtifact({
      version,
      artifactName: 'electron',
      platform,
      arch,
      cacheRoot: env.electron_config_cache,
      checksums: env.electron_use_remote_checksums || env.npm_config_electron_use_remote_checksums ? undefined : JSON.parse(readFileSync(join(pkgDir, 'checksums.json'), 'utf8')),
      downloadOptions: { quiet: true, getProgressCallback: progressReporter(out, 'Electron') },
    });
    if (out.isTTY) out.write('\n');
  } catch (err) {
    if (out.isTTY) out.write('\n');
    return { error: describeDownloadError(err) };
  }
  const install = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const exe = installedPath(pkgDir, version, env);
  if (install.status !== 0 || !exe) {
    const why = (install.stderr || '').trim().split('\n')[0] || `exit code ${install.status}`;
    return { error: `extracting Electron failed: ${why}` };
  }
  out.write(`Electron ${version} is installed.\n`);
  return { path: exe };
}

/** fetch() hides the reason in `cause`: "fetch failed" alone tells a user nothing. */
function describeDownloadError(err) {
  const cause = err?.cause;
  const where = cause?.address ? ` ${cause.address}:${cause.port}` : cause?.hostname ? ` ${cause.hostname}` : '';
  const detail = cause?.code ? `${cause.code}${where}` : cause?.message;
  return `downloading Electron failed: ${err?.message ?? err}${detail ? ` (${detail})` : ''}`;
}

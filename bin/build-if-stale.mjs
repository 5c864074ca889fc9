// Builds the app (main, preload, renderer) with electron-vite when its sources are newer than the
// build, so `npm start` and `npm run web` never run a stale or missing bundle. Build output goes to
// stderr: the launchers' stdout carries only what callers read (the web host's URL line).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time under `path` (0 when it does not exist). */
function newestMtime(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** `outputs` are files the build writes; `sources` the folders they are made from. Returns false if a needed build failed. */
export function buildIfStale(root, outputs, sources) {
  const built = Math.min(...outputs.map((o) => newestMtime(join(root, o))));
  const newest = Math.max(...sources.map((s) => newestMtime(join(root, s))));
  if (built !== 0 && newest <= built) return true;
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  return result.status === 0;
}

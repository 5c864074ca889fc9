// Builds the app (main, preload, renderer) with electron-vite when its sources are newer than the
// build, so `npm start` and `npm run web` never run a stale or missing bundle. Build output goes to
// stderr: the launchers' stdout carries only what callers read (the web host's URL line).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { newestMtime } from './built.cjs';


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

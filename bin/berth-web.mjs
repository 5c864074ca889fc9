#!/usr/bin/env node
// `npm run web`: builds the renderer when its sources are newer than the build, then serves it
// with the core in plain Node. Build output goes to stderr: stdout carries only the URL line.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTs } from './run-ts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

const built = newestMtime(join(root, 'out/renderer/index.html'));
const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')));
if (built === 0 || sources > built) {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) {
    process.stderr.write('berth web: building the renderer failed\n');
    process.exit(1);
  }
}

await runTs('electron/web/main.ts');

#!/usr/bin/env node
// `npm run web`: builds the renderer when its sources are newer than the build, then serves it
// with the core in plain Node (built to JavaScript, see built.cjs). Build output goes to stderr:
// stdout carries only the URL line.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';
import { ensureBuilt } from './built.cjs';

const root = fileURLToPath(new URL('..', import.meta.url));

if (!buildIfStale(root, ['out/renderer/index.html'], ['renderer', 'shared'])) {
  process.stderr.write('berth web: building the renderer failed\n');
  process.exit(1);
}

await import(pathToFileURL(await ensureBuilt('web')).href);

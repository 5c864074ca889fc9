#!/usr/bin/env node
// Builds the CLI and the browser host to plain JavaScript in out/ (esbuild, seconds), so `berth`
// starts without compiling TypeScript at every call. Run by `npm install` (prepare), `npm run build`,
// and by bin/berth.mjs / bin/berth-web.mjs themselves when the sources are newer than the build.
// Packages stay external (loaded from node_modules); code split at dynamic imports, so a command
// loads only what it uses.
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const NODE_ENTRIES = { cli: 'electron/cli/main.ts', web: 'electron/web/main.ts' };

export async function buildNode({ quiet = false } = {}) {
  const started = Date.now();
  await build({
    absWorkingDir: root,
    entryPoints: NODE_ENTRIES,
    outdir: 'out/node',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  if (!quiet) {
    const kb = (f) => (statSync(`${root}/out/node/${f}`).size / 1024).toFixed(0);
    process.stderr.write(`built out/node/cli.js (${kb('cli.js')} kB) and out/node/web.js (${kb('web.js')} kB) in ${Date.now() - started} ms\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildNode();

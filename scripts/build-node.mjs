#!/usr/bin/env node
// Builds the CLI and the browser host to plain JavaScript in out/ (esbuild, under a second), so
// `berth` starts without compiling TypeScript at every call. Run by `npm install` (prepare), `npm run
// build`, and by bin/berth.cjs / bin/berth-web.mjs themselves when the sources are newer than the build.
// Packages stay external (loaded from node_modules on first use).
//  - The CLI is one minified CommonJS file: a shell prompt's `berth env` pays Node's module loading
//    per file, and the ESM loader costs more per file than CommonJS (18 split chunks took ~10 ms of a
//    ~110 ms start); V8 parses the whole file, and minified it parses in ~5 ms less. Code behind a
//    dynamic import() is still evaluated, and its packages loaded, only when used. Nothing reads a
//    function's name; stacks (-D) map back with node --enable-source-maps.
//  - The web host stays split ESM: it starts once and lives long.
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const NODE_ENTRIES = { cli: 'electron/cli/main.ts', web: 'electron/web/main.ts' };

const common = { absWorkingDir: root, outdir: 'out/node', bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: 'linked', logLevel: 'warning' };

export async function buildNode({ quiet = false } = {}) {
  const started = Date.now();
  const [cli, web] = await Promise.all([
    build({
      ...common,
      entryPoints: { cli: NODE_ENTRIES.cli },
      metafile: true,
      format: 'cjs',
      minify: true,
      outExtension: { '.js': '.cjs' },
      // import() of a package or built-in becomes a require() (esbuild keeps ESM's default/named
      // shape): an import() from CommonJS starts Node's ESM loader, ~3 ms of `berth env`'s check.
      supported: { 'dynamic-import': false },
      // import.meta.url (appInfo finds package.json from it) as the CommonJS file's own URL.
      define: { 'import.meta.url': '__berthModuleUrl' },
      banner: { js: 'const __berthModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
    }),
    build({ ...common, entryPoints: { web: NODE_ENTRIES.web }, splitting: true, format: 'esm', entryNames: '[name]', chunkNames: 'chunks/[name]-[hash]', metafile: true }),
  ]);
  // Chunk names carry their content's hash: drop the previous builds' ones.
  const current = new Set(Object.keys(web.metafile.outputs).map((f) => basename(f)));
  const chunks = `${root}/out/node/chunks`;
  for (const f of readdirSync(chunks)) if (!current.has(f.replace(/\.map$/, '')) && !current.has(f)) rmSync(`${chunks}/${f}`);
  rmSync(`${root}/out/node/cli.cjs.cache`, { force: true }); // V8's code cache of the previous build (bin/built.cjs)
  rmSync(`${root}/out/node/cli.js`, { force: true });
  rmSync(`${root}/out/node/cli.js.map`, { force: true });
  // The files the build was made from, so the launchers stat just these to know it is stale (walking
  // electron/ and shared/ took ~8 ms of every `berth env`). A new file counts once a source imports it.
  const sources = new Set([...Object.keys(cli.metafile.inputs), ...Object.keys(web.metafile.inputs)].filter((f) => !f.startsWith('node_modules/')));
  writeFileSync(`${root}/out/node/sources.json`, JSON.stringify([...sources].sort()));
  if (!quiet) {
    const kb = (f) => (statSync(`${root}/out/node/${f}`).size / 1024).toFixed(0);
    process.stderr.write(`built out/node/cli.cjs (${kb('cli.cjs')} kB) and out/node/web.js (${kb('web.js')} kB) in ${Date.now() - started} ms\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildNode();

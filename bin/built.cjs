// The core's entry points built to JavaScript (out/node), rebuilt first when a source under
// electron/ or shared/ is newer, so nothing is compiled at run time. CommonJS, as is the `berth`
// launcher: a shell prompt's `berth env` pays for every module Node loads, and ES modules cost
// more per file (see scripts/build-node.mjs).
'use strict';
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');

/** Newest modification time under `path` (0 when it does not exist); files `skip` names are left out. */
function newestMtime(path, skip = () => false) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return skip(path) ? 0 : st.mtimeMs;
  // Skipped files are never stat'ed: `berth env` runs this walk at every start.
  const entries = readdirSync(path, { withFileTypes: true }).filter((e) => e.isDirectory() || !skip(join(path, e.name)));
  return Math.max(st.mtimeMs, ...entries.map((e) => newestMtime(join(path, e.name), skip)));
}

/** Tests are not part of the build: editing one never triggers a rebuild. */
const isTest = (path) => /\.test\.tsx?$/.test(path);

/** `cli` is one CommonJS file (cli.cjs), `web` ES modules (web.js). */
const BUILT = { cli: 'cli.cjs', web: 'web.js' };

/** The built file of `entry`, after building it if it is missing or older than its sources. */
async function ensureBuilt(entry) {
  const built = join(root, 'out', 'node', BUILT[entry]);
  const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (builtAt === 0 || Math.max(newestMtime(join(root, 'electron'), isTest), newestMtime(join(root, 'shared'), isTest)) > builtAt) {
    try {
      const { buildNode } = await import(pathToFileURL(join(root, 'scripts', 'build-node.mjs')).href);
      await buildNode({ quiet: true });
    } catch (err) {
      process.stderr.write(`berth: building ${entry} failed (${err.message.split('\n')[0]}); run npm install\n`);
      process.exit(1);
    }
  }
  return built;
}

module.exports = { newestMtime, ensureBuilt };

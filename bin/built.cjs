// The core's entry points built to JavaScript (out/node), rebuilt first when a file they were built
// from is newer, so nothing is compiled at run time. CommonJS, as is the `berth`
// launcher: a shell prompt's `berth env` pays for every module Node loads, and ES modules cost
// more per file (see scripts/build-node.mjs).
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');

/**
 * Whether a file the build was made from (out/node/sources.json, written by the build) changed or
 * went since `builtAt`: a few hundred stats, not a walk of electron/ and shared/.
 */
function sourcesChangedSince(builtAt) {
  let sources;
  try {
    sources = JSON.parse(readFileSync(join(root, 'out', 'node', 'sources.json'), 'utf8'));
  } catch {
    return true;
  }
  return sources.some((file) => (statSync(join(root, file), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) > builtAt);
}

/** `cli` is one CommonJS file (cli.cjs), `web` ES modules (web.js). */
const BUILT = { cli: 'cli.cjs', web: 'web.js' };

/** The built file of `entry`, after building it if it is missing or older than its sources. */
async function ensureBuilt(entry) {
  const built = join(root, 'out', 'node', BUILT[entry]);
  const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (builtAt === 0 || sourcesChangedSince(builtAt)) {
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

module.exports = { ensureBuilt };

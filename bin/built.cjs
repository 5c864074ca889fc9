// The core's entry points built to JavaScript (out/node), rebuilt first when a file they were built
// from is newer, so nothing is compiled at run time. CommonJS, as is the `berth`
// launcher: a shell prompt's `berth env` pays for every module Node loads, and ES modules cost
// more per file (see scripts/build-node.mjs).
'use strict';
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

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
  // Joined by hand: path.join's normalising took ~1 ms of the ~1.5 (the build's paths are clean).
  return sources.some((file) => (statSync(`${root}/${file}`, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) > builtAt);
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

/**
 * Runs a built CommonJS file as require() would, from V8's code cache beside it (`<file>.cache`):
 * compiling the 200 kB CLI took ~7 ms of every `berth` call, its cached code ~1 ms (Node 22's
 * module.enableCompileCache does this; Node 20 has only vm.Script's cachedData). A cache older than
 * the file is not read — V8 checks only the source's length — and the build deletes it. It is
 * written, best effort, after a run that found none or had it rejected (another Node): by then it
 * holds the functions that run used. A read-only install just compiles. Under --enable-source-maps
 * a plain require(), which maps stacks back to the sources (vm.Script's code does not).
 */
function runCommonJs(file) {
  if (process.sourceMapsEnabled) return require(file);
  const cacheFile = `${file}.cache`;
  const builtAt = statSync(file).mtimeMs;
  let cachedData;
  try {
    if (statSync(cacheFile).mtimeMs >= builtAt) cachedData = readFileSync(cacheFile);
  } catch {
    // no cache yet
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    process.once('exit', () => {
      const partial = `${cacheFile}.${process.pid}`;
      try {
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile); // whole or not at all, when two calls race
      } catch {
        // not ours to write: the next call compiles again
      }
    });
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(dirname(file));
  mod.loaded = true;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file));
}

module.exports = { ensureBuilt, runCommonJs };

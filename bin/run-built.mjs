// Runs one of the core's entry points from its JavaScript build (out/node), rebuilt first when a
// source under electron/ or shared/ is newer. No TypeScript is compiled at run time: a `berth env`
// in a shell prompt starts about as fast as Node itself.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newestMtime } from './build-if-stale.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Tests are not part of the build: editing one never triggers a rebuild. */
const isTest = (path) => /\.test\.tsx?$/.test(path);

export async function runBuilt(entry) {
  const built = join(root, 'out', 'node', `${entry}.js`);
  const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (builtAt === 0 || Math.max(newestMtime(join(root, 'electron'), isTest), newestMtime(join(root, 'shared'), isTest)) > builtAt) {
    try {
      const { buildNode } = await import('../scripts/build-node.mjs');
      await buildNode({ quiet: true });
    } catch (err) {
      process.stderr.write(`berth: building ${entry} failed (${err.message.split('\n')[0]}); run npm install\n`);
      process.exit(1);
    }
  }
  await import(pathToFileURL(built).href);
}

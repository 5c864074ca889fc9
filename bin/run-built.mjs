// Runs one of the core's entry points from its JavaScript build (out/node), rebuilt first when a
// source under electron/ or shared/ is newer. No TypeScript is compiled at run time: a `berth env`
// in a shell prompt starts about as fast as Node itself.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Newest modification time under `dir`, tests excluded (they are not part of the build). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export async function runBuilt(entry) {
  const built = join(root, 'out', 'node', `${entry}.js`);
  const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (builtAt === 0 || Math.max(newestSource(join(root, 'electron')), newestSource(join(root, 'shared'))) > builtAt) {
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

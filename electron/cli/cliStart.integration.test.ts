import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../e2e/fixtures/fixtureStore';
import { runBerth } from '../../e2e/support/runBerth';

// What a shell prompt's `berth env`/`url` loads is its start-up time (bench:cli-start): Node's own
// module logs (CommonJS and ESM: the CLI is one CommonJS file) say which packages a command pulled
// in. zod once crept in through the Settings page's schema and doubled it.
const run = promisify(execFile);
const HEAVY = ['zod', 'ssh2', 'dockerode', '@peculiar/x509', 'ws'];

describe('the commands a shell prompt runs load only the store', () => {
  let store: string;
  beforeAll(async () => {
    store = await copyFixtureStore();
  });
  afterAll(() => rm(store, { recursive: true, force: true }));

  it.each([['url', '--no-check'], ['env', '--no-check'], ['ip'], ['ls', '-q']])('berth %s %s', async (...args) => {
    const r = await runBerth(['-s', store, ...args.filter(Boolean), ...(args[0] === 'ls' ? [] : ['gen1'])], { env: { NODE_DEBUG: 'esm,module' } });
    expect(r.code).toBe(0);
    const loaded = [...new Set([...r.stderr.matchAll(/node_modules\/((?:@[^/]+\/)?[^/'"\s]+)/g)].map((m) => m[1]!))];
    expect(loaded.filter((p) => HEAVY.includes(p))).toEqual([]);
  });
});

// bin/built.cjs's runCommonJs, on a module of its own: V8 takes a code cache for any source of the
// same length, so a stale one would run the previous build's code.
describe("the CLI's code cache", () => {
  const BUILT = fileURLToPath(new URL('../../bin/built.cjs', import.meta.url));
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-code-cache-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const runIt = async (file: string): Promise<string> =>
    (await run(process.execPath, ['-e', `require(${JSON.stringify(BUILT)}).runCommonJs(${JSON.stringify(file)})`])).stdout;

  it('is written after the first run, read by the next, and ignored once the file is newer', async () => {
    const file = join(dir, 'm.cjs');
    // require, module and __dirname are the file's own, as under require().
    const source = (word: string): string => `console.log('${word}', typeof require('node:path').join, module.filename === __filename, __dirname);\n`;
    await writeFile(file, source('one'));
    expect(await runIt(file)).toBe(`one function true ${dir}\n`);
    const written = (await stat(`${file}.cache`)).mtimeMs;
    expect(await runIt(file)).toBe(`one function true ${dir}\n`);
    expect((await stat(`${file}.cache`)).mtimeMs).toBe(written); // accepted, so not written again

    await writeFile(file, source('two')); // the same length
    const later = new Date(Date.now() + 2000);
    await utimes(file, later, later);
    expect(await runIt(file)).toBe(`two function true ${dir}\n`);
    expect((await stat(`${file}.cache`)).mtimeMs).toBeGreaterThan(written);
  });
});

import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../e2e/fixtures/fixtureStore';
import { runBerth } from '../../e2e/support/runBerth';

// What a shell prompt's `berth env`/`url` loads is its start-up time (bench:cli-start): Node's own
// module logs (CommonJS and ESM: the CLI is one CommonJS file) say which packages a command pulled
// in. zod once crept in through the Settings page's schema and doubled it.
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

/**
 * How fast `berth` starts, next to Node itself: `node -e 0`, `berth url`, `berth env` and
 * `berth ls -q` on the fixture store, run in interleaved rounds (A/B pairs, so a busy moment of the
 * machine hits every command alike). Prints each median and its ratio to `node -e 0`; the goal for
 * `url` and `env` is at most 1.5.
 * Run: npm run bench:cli-start  [-- ROUNDS]
 */
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { copyFixtureStore } from '../e2e/fixtures/fixtureStore';

const ROUNDS = Number(process.argv[2] ?? 21);
const BERTH = fileURLToPath(new URL('../bin/berth.mjs', import.meta.url));

function timeMs(args: string[]): number {
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const store = await copyFixtureStore();
  const commands: [string, string[]][] = [
    ['node -e 0', ['-e', '0']],
    ['berth url gen1', [BERTH, '-s', store, 'url', 'gen1']],
    ['berth env gen1', [BERTH, '-s', store, 'env', '--shell', 'bash', 'gen1']],
    ['berth ls -q', [BERTH, '-s', store, 'ls', '-q']],
  ];
  const times = new Map<string, number[]>(commands.map(([n]) => [n, []]));
  for (const [, args] of commands) timeMs(args); // warm the file cache (and build out/node if stale)
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, args] of round % 2 ? [...commands].reverse() : commands) times.get(name)!.push(timeMs(args));
  }
  const base = median(times.get('node -e 0')!);
  console.log(`berth start-up, median of ${ROUNDS} interleaved rounds`);
  for (const [name] of commands) {
    const m = median(times.get(name)!);
    const goal = name.includes('url') || name.includes('env') ? `  (goal ≤ 1.5: ${m / base <= 1.5 ? 'met' : 'NOT met'})` : '';
    console.log(`  ${name.padEnd(16)} ${m.toFixed(0).padStart(5)} ms  ${(m / base).toFixed(2)}× node -e 0${goal}`);
  }
  await rm(store, { recursive: true, force: true });
}

await main();

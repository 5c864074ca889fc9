/**
 * How fast `berth` starts, next to Node itself: `node -e 0`, `berth url`, `berth env` and
 * `berth ls -q` on the fixture store, run in interleaved rounds (A/B pairs, so a busy moment of the
 * machine hits every command alike). Prints each median and its ratio to `node -e 0`; the goal for
 * `url` and `env` is at most 1.5, from the record (`--no-check`) and as docker-machine runs them,
 * checking the machine (a TCP connect, a TLS handshake) against loopback stand-ins.
 * Run: npm run bench:cli-start  [-- ROUNDS]
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer as createNetServer, type Server as NetServer } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { copyFixtureStore } from '../e2e/fixtures/fixtureStore';

const ROUNDS = Number(process.argv[2] ?? 21);
const run = promisify(execFile);
const BERTH = fileURLToPath(new URL('../bin/berth.cjs', import.meta.url));

/** Asynchronous, so the loopback stand-ins in this process can answer while a command runs. */
async function timeMs(args: string[]): Promise<number> {
  const started = process.hrtime.bigint();
  await run(process.execPath, args);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * gen1's host on loopback, as far as `env`'s check goes: its SSH port accepts, and its Docker port
 * completes a TLS handshake with the fixture's own server certificate (signed by the store's CA).
 */
async function liveGen1(store: string): Promise<() => void> {
  const dir = join(store, 'machines', 'gen1');
  const ssh = createNetServer((s) => s.destroy());
  const docker = createTlsServer(
    { cert: await readFile(join(dir, 'server.pem')), key: await readFile(join(dir, 'server-key.pem')), ca: await readFile(join(dir, 'ca.pem')), requestCert: true },
    (s) => s.end(),
  );
  const listen = (server: NetServer): Promise<number> =>
    new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const [sshPort, dockerPort] = await Promise.all([listen(ssh), listen(docker)]);
  const file = join(dir, 'config.json');
  const config = JSON.parse(await readFile(file, 'utf8')) as { Driver: Record<string, unknown> };
  Object.assign(config.Driver, { SSHPort: sshPort, EnginePort: dockerPort });
  await writeFile(file, JSON.stringify(config, null, 4));
  return () => {
    ssh.close();
    docker.close();
  };
}

async function main(): Promise<void> {
  const store = await copyFixtureStore();
  const stop = await liveGen1(store);
  const commands: [string, string[]][] = [
    ['node -e 0', ['-e', '0']],
    ['berth url --no-check', [BERTH, '-s', store, 'url', '--no-check', 'gen1']],
    ['berth env --no-check', [BERTH, '-s', store, 'env', '--no-check', '--shell', 'bash', 'gen1']],
    ['berth url', [BERTH, '-s', store, 'url', 'gen1']],
    ['berth env', [BERTH, '-s', store, 'env', '--shell', 'bash', 'gen1']],
    ['berth ls -q', [BERTH, '-s', store, 'ls', '-q']],
  ];
  const times = new Map<string, number[]>(commands.map(([n]) => [n, []]));
  for (const [, args] of commands) await timeMs(args); // warm the file cache (and build out/node if stale)
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, args] of round % 2 ? [...commands].reverse() : commands) times.get(name)!.push(await timeMs(args));
  }
  const base = median(times.get('node -e 0')!);
  console.log(`berth start-up, median of ${ROUNDS} interleaved rounds`);
  for (const [name] of commands) {
    const m = median(times.get(name)!);
    const goal = /^berth (url|env)/.test(name) ? `  (goal ≤ 1.5: ${m / base <= 1.5 ? 'met' : 'NOT met'})` : '';
    console.log(`  ${name.padEnd(22)} ${m.toFixed(0).padStart(5)} ms  ${(m / base).toFixed(2)}× node -e 0${goal}`);
  }
  stop();
  await rm(store, { recursive: true, force: true });
}

await main();

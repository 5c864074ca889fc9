import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixtureStore } from '../../e2e/fixtures/fixtureStore';
import { FIXTURE_BASE, FIXTURE_IMAGE, writeImageCache } from '../../e2e/fixtures/imageCacheFixture';
import { type BerthRun, runBerth } from '../../e2e/support/runBerth';


const berth = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<BerthRun> => runBerth(args, { env });

describe('berth CLI on the docker-machine fixture store', () => {
  let store: string;
  beforeAll(async () => {
    store = await copyFixtureStore({ corrupt: 'broken' });
  });
  afterAll(async () => {
    await rm(store, { recursive: true, force: true });
  });

  it('ls prints docker-machine\'s table, with the corrupt machine as an error row', async () => {
    const r = await berth(['ls'], { MACHINE_STORAGE_PATH: store });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('NAME     ACTIVE   DRIVER      STATE     URL   SWARM   DOCKER    ERRORS');
    expect(lines[1]).toMatch(/^broken {3}- {8}not found {3}Error {29}Machine "broken": config.json is not valid JSON/);
    expect(lines.slice(2)).toEqual([
      'deb1     -        generic     Stopped                 Unknown   ',
      'gen1     -        generic     Stopped                 Unknown   ',
      'gen2     -        generic     Stopped                 Unknown   ',
      '',
    ]);
  });

  it('ls -q, --filter and -f', async () => {
    expect((await berth(['-s', store, 'ls', '-q'])).stdout).toBe('broken\ndeb1\ngen1\ngen2\n');
    expect((await berth(['-s', store, 'ls', '--filter', 'name=^gen', '-f', '{{.Name}} {{.DriverName}}'])).stdout).toBe(
      'gen1 generic\ngen2 generic\n',
    );
  });

  it('env --shell fish prints docker-machine\'s lines', async () => {
    const r = await berth(['env', '--shell', 'fish', '--no-check', 'gen1'], { MACHINE_STORAGE_PATH: store });
    expect(r.stdout).toBe(
      [
        'set -gx DOCKER_TLS_VERIFY "1";',
        'set -gx DOCKER_HOST "tcp://127.0.0.1:2376";',
        `set -gx DOCKER_CERT_PATH "${store}/machines/gen1";`,
        'set -gx DOCKER_MACHINE_NAME "gen1";',
        '# Run this command to configure your shell: ',
        '# eval (berth env --shell fish --no-check gen1)',
        '',
      ].join('\n'),
    );
  });

  it('ip, url, config, inspect -f, status', async () => {
    expect((await berth(['-s', store, 'ip', 'gen1', 'deb1'])).stdout).toBe('127.0.0.1\n127.0.0.3\n');
    expect((await berth(['-s', store, 'url', '--no-check', 'deb1'])).stdout).toBe('tcp://127.0.0.3:2376\n');
    expect((await berth(['-s', store, 'config', '--no-check', 'gen1'])).stdout).toBe(
      `--tlsverify\n--tlscacert="${store}/machines/gen1/ca.pem"\n--tlscert="${store}/machines/gen1/cert.pem"\n` +
        `--tlskey="${store}/machines/gen1/key.pem"\n-H=tcp://127.0.0.1:2376\n`,
    );
    expect((await berth(['-s', store, 'inspect', '-f', '{{.DriverName}} {{json .HostOptions.EngineOptions.RegistryMirror}}', 'deb1'])).stdout).toBe(
      'generic ["https://mirror.example"]\n',
    );
    expect(JSON.parse((await berth(['-s', store, 'inspect', 'gen1'])).stdout)).toMatchObject({ Name: 'gen1', DriverName: 'generic' });
    expect((await berth(['-s', store, 'status', 'gen1'])).stdout).toBe('Stopped\n');
  });

  it.each([
    [['env', 'ghost'], 'Docker machine "ghost" does not exist'],
    // docker-machine's checks on a machine whose host is down (nothing listens on gen1's SSH port).
    [['url', 'gen1'], 'Host is not running\n'],
    [['env', 'gen1'], 'Error checking TLS connection: Host is not running\n'],
    [['config', 'gen1'], 'Error running connection boilerplate: Host is not running\n'],
    [['version', 'gen1'], 'Host is not running\n'],
    [['env', '-u', 'gen1'], 'Error: Expected no machine name when the -u flag is present\n'],
    [['env', 'broken'], 'Machine "broken": config.json is not valid JSON'],
    [['active'], 'No active host found'],
    [['ls', '--filter', 'color=red'], "Unsupported filter key 'color'"],
    [['env', '--shell', 'xonsh', 'gen1'], 'Unknown shell "xonsh"'],
    [['frobnicate'], "berth: 'frobnicate' is not a berth command. See 'berth help'."],
    [['ls', '--bogus'], 'flag provided but not defined: --bogus'],
  ])('%j fails on stderr with a non-zero exit', async (args, message) => {
    const r = await berth(['-s', store, ...args]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it('ls returns within its timeout when a host accepts connections and never answers', async () => {
    const sockets = new Set<Socket>();
    const hole = createServer((s) => sockets.add(s));
    await new Promise<void>((ok) => hole.listen(0, '127.0.0.1', ok));
    const port = (hole.address() as AddressInfo).port;
    const file = join(store, 'machines', 'gen2', 'config.json');
    const original = await readFile(file, 'utf8');
    const config = JSON.parse(original) as { Driver: Record<string, unknown> };
    config.Driver.SSHPort = port;
    config.Driver.EnginePort = port;
    await writeFile(file, JSON.stringify(config, null, 4));
    try {
      const started = Date.now();
      const r = await berth(['-s', store, 'ls', '-t', '1', '--filter', 'name=gen2']);
      // One second of probing plus Node's start-up; a lingering socket used to double it.
      expect(Date.now() - started).toBeLessThan(2500);
      expect(r.stdout).toMatch(new RegExp(`^gen2 +- +generic +Running +tcp://127.0.0.1:${port} +Unknown +Docker at tcp://127.0.0.1:${port} did not answer within \\d+ ms$`, 'm'));
    } finally {
      await writeFile(file, original);
      sockets.forEach((s) => s.destroy());
      hole.close();
    }
  });

  it.each([
    [['--bugsnag-api-token=no-report']],
    [['--bugsnag-api-token', 'no-report', '--native-ssh']],
    [['--github-api-token=t', '-D']],
  ])("accepts docker-machine's global flags %j before the command, as GitLab Runner passes them", async (globals) => {
    const r = await berth([...globals, '-s', store, 'url', '--no-check', 'gen1']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'tcp://127.0.0.1:2376\n', '']);
  });

  it("env's hint line repeats the command as given, the store included (as docker-machine's does)", async () => {
    const r = await berth(['-s', store, 'env', '--no-check', '--shell', 'bash', 'gen1']);
    expect(r.stdout.split('\n').slice(-2)).toEqual([`# eval $(berth -s ${store} env --no-check --shell bash gen1)`, '']);
  });

  it('ls --filter label=k=v lists the machines with that engine label', async () => {
    const r = await berth(['-s', store, 'ls', '-q', '--filter', 'label=env=test']);
    expect([r.code, r.stdout.split('\n').filter(Boolean)]).toEqual([0, ['gen1', 'gen2']]);
  });

  it('version', async () => {
    expect((await berth(['version'])).stdout).toMatch(/^berth version \d+\.\d+\.\d+\n$/);
  });
});

describe('berth cache, as a script runs it', () => {
  let store: string;
  beforeAll(async () => {
    store = await copyFixtureStore({});
    await writeImageCache(store);
  });
  afterAll(() => rm(store, { recursive: true, force: true }));

  it('ls lists images, bases and parts with who uses them; -q the names', async () => {
    const r = await berth(['-s', store, 'cache', 'ls']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^KIND +NAME +SIZE +USED BY +MODIFIED +WHAT$/);
    expect(r.stdout).toMatch(new RegExp(`base +${FIXTURE_BASE} +[0-9.]+ MB +gen2 +2026-`));
    expect((await berth(['-s', store, 'cache', 'ls', '-q'])).stdout.split('\n').sort()).toEqual(['', FIXTURE_IMAGE, 'bases/half-made', FIXTURE_BASE, 'fedcba9876543210-other.img.part', 'fedcba9876543210-ubuntu.img'].sort());
  });

  it('rm of what a machine is made on fails (exit 1, stderr names it) and the others still go; prune keeps what is used', async () => {
    const r = await berth(['-s', store, 'cache', 'rm', FIXTURE_BASE, 'fedcba9876543210-ubuntu.img']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Removed fedcba9876543210-ubuntu\.img \(0\.0 MB\)\n$/);
    expect(r.stderr).toContain(`The Docker-ready base ${FIXTURE_BASE} is in use by gen2: remove that first`);
    const prune = await berth(['-s', store, 'cache', 'prune']);
    expect(prune.code).toBe(0);
    expect(prune.stdout).toContain('Removed part bases/half-made');
    expect(prune.stdout).toContain('Removed part fedcba9876543210-other.img.part');
    expect((await berth(['-s', store, 'cache', 'ls', '-q'])).stdout.split('\n').sort()).toEqual(['', FIXTURE_IMAGE, FIXTURE_BASE].sort());
    expect((await berth(['-s', store, 'cache', 'frobnicate'])).code).toBe(1);
  });
});

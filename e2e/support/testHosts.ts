import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MachineService } from '../../electron/core/services/machineService';
import { docker, ensureDockerDaemon, hostPrerequisiteProblem } from '../hosts/docker';
import { removeHosts, RUN_LABEL, startHost, type StartHostOptions, type TestHost } from '../hosts/hosts';
import { ensureTestImage } from '../hosts/image';
import { ensureRunKey, runDir } from '../hosts/keys';
import type { RunContext } from '../hosts/testing';
import { machineOnHost } from '../hosts/machineOnHost';
import { type BerthWeb, startBerthWeb } from './berthWeb';

export interface E2eHosts {
  start(opts: Omit<StartHostOptions, 'runId' | 'key' | 'ownerPid'>): Promise<TestHost>;
  /** Removes this run's hosts; throws if any container is left. */
  close(): Promise<void>;
}

/**
 * Real test hosts for a Playwright spec (the same ones the integration tests use). Returns the
 * reason instead where they cannot be made here; under CI=true that is an error, never a skip.
 */
export async function e2eHosts(): Promise<E2eHosts | { unavailable: string }> {
  const problem = hostPrerequisiteProblem();
  if (problem) {
    if (process.env.CI) throw new Error(`CI must run the e2e tests on real hosts, but ${problem}`);
    console.log(`[e2e hosts] unavailable: ${problem}; tests that need them are skipped`);
    return { unavailable: problem };
  }
  await ensureDockerDaemon();
  await ensureTestImage((line) => console.log(`[e2e hosts] ${line}`));
  const runId = `e2e${randomBytes(3).toString('hex')}`;
  const ctx: RunContext = { runId, key: await ensureRunKey(runDir(runId)), ownerPid: process.pid };
  return {
    async start(opts) {
      const started = Date.now();
      const host = await startHost({ ...opts, ...ctx });
      console.log(`[e2e hosts] ${opts.flavour} host answered SSH in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return host;
    },
    async close() {
      await removeHosts({ runId });
      await rm(runDir(runId), { recursive: true, force: true });
      const left = (await docker(['ps', '--all', '--quiet', '--filter', `label=${RUN_LABEL}=${runId}`])).stdout.trim();
      if (left) throw new Error(`e2e test host containers left behind: ${left.split('\n').join(' ')}`);
    },
  };
}

export interface HostedApp {
  hosts: E2eHosts;
  host: TestHost;
  /** A private directory: the store is `store/` in it, and it may serve as HOME. */
  dir: string;
  store: string;
  machines: MachineService;
  web: BerthWeb;
  close(): Promise<void>;
}

/**
 * A spec's world: one real test host, optionally a machine already provisioned on it, and Berth in
 * browser-host mode on a fresh store. `prepare` runs before the app starts (a ~/.ssh/config, …).
 */
export async function hostedApp(opts: {
  host: Omit<StartHostOptions, 'runId' | 'key' | 'ownerPid'>;
  machine?: string;
  webEnv?: (dir: string) => NodeJS.ProcessEnv;
  prepare?: (app: { dir: string; host: TestHost }) => Promise<void>;
}): Promise<HostedApp | { unavailable: string }> {
  const hosts = await e2eHosts();
  if ('unavailable' in hosts) return hosts;
  const host = await hosts.start(opts.host);
  const dir = await mkdtemp(join(tmpdir(), 'berth-e2e-'));
  const store = join(dir, 'store');
  const machines = new MachineService(store, {});
  if (opts.machine) await machineOnHost(machines, host, opts.machine);
  await opts.prepare?.({ dir, host });
  const web = await startBerthWeb(store, opts.webEnv?.(dir) ?? {});
  return {
    hosts,
    host,
    dir,
    store,
    machines,
    web,
    async close() {
      await web.stop();
      await hosts.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { docker, ensureDockerDaemon, hostPrerequisiteProblem } from '../hosts/docker';
import { removeHosts, RUN_LABEL, startHost, type StartHostOptions, type TestHost } from '../hosts/hosts';
import { ensureTestImage } from '../hosts/image';
import { ensureRunKey, runDir } from '../hosts/keys';
import type { RunContext } from '../hosts/testing';

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

import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { docker, ensureDockerDaemon, hostPrerequisiteProblem } from './docker';
import { removeHosts, RUN_LABEL } from './hosts';
import { ensureTestImage } from './image';
import { ensureRunKey, runDir } from './keys';
import type { TestHostsContext } from './testing';
import { leftoverDriverVms, leftoverVms } from './vm';

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * Once per integration run: a Docker daemon, the cached test host image and the run's key. At the
 * end every host of the run is removed, and a leftover container fails the run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const problem = hostPrerequisiteProblem();
  if (problem) {
    if (process.env.CI) throw new Error(`CI must run the test-host integration tests, but ${problem}`);
    console.log(`[test hosts] unavailable: ${problem}; tests that need them are skipped`);
    project.provide('testHosts', { unavailable: problem } satisfies TestHostsContext);
    return undefined;
  }
  let t = Date.now();
  await ensureDockerDaemon();
  console.log(`[test hosts] docker daemon ready in ${seconds(t)}`);
  const stale = await removeHosts('stale');
  if (stale > 0) console.log(`[test hosts] removed ${stale} stale test host container(s)`);
  t = Date.now();
  const image = await ensureTestImage((line) => console.log(`[test hosts] ${line}`));
  console.log(`[test hosts] image ${image} ready in ${seconds(t)}`);
  const runId = randomBytes(4).toString('hex');
  const key = await ensureRunKey(runDir(runId));
  project.provide('testHosts', { runId, key, ownerPid: process.pid } satisfies TestHostsContext);

  return async () => {
    await removeHosts({ runId });
    await rm(runDir(runId), { recursive: true, force: true });
    const left = (await docker(['ps', '--all', '--quiet', '--filter', `label=${RUN_LABEL}=${runId}`])).stdout.trim();
    const vms = [...(await leftoverVms(runId)), ...(await leftoverDriverVms())];
    vms.forEach((pid) => process.kill(pid, 'SIGKILL'));
    if (left) throw new Error(`test host containers left behind: ${left.split('\n').join(' ')}`);
    if (vms.length > 0) throw new Error(`test VMs left running (killed now): pids ${vms.join(' ')}`);
    console.log('[test hosts] no test containers and no test VMs left');
  };
}

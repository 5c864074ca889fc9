/**
 * `npm run hosts -- up [--flavour sshd|systemd] [--privileged] | ls | down | prepare`: test hosts for humans
 * (and `prepare` for CI: start dockerd, build or reuse the cached container and VM images).
 * Hosts started here share the run id "manual" and its key, printed with the ssh command to use.
 */
import { docker, ensureDockerDaemon, hostPrerequisiteProblem } from './docker';
import { removeHosts, RUN_LABEL, startHost, type Flavour } from './hosts';
import { ensureTestImage } from './image';
import { ensureRunKey, runDir } from './keys';
import { ensureVmImage } from './vmImage';

const RUN_ID = 'manual';

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const problem = hostPrerequisiteProblem();
  if (problem) throw new Error(problem);
  await ensureDockerDaemon();
  switch (command) {
    case 'up': {
      const flavour = (rest[rest.indexOf('--flavour') + 1] ?? 'sshd') as Flavour;
      if (rest.includes('--flavour') && !['sshd', 'systemd'].includes(flavour)) throw new Error('--flavour is sshd or systemd');
      await ensureTestImage((l) => console.error(l));
      const key = await ensureRunKey(runDir(RUN_ID));
      const started = Date.now();
      const host = await startHost({ flavour: rest.includes('--flavour') ? flavour : 'sshd', privileged: rest.includes('--privileged'), runId: RUN_ID, key, ownerPid: 0 });
      console.log(`host ${host.containerId.slice(0, 12)} (${host.flavour}) answered SSH after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      console.log(`  ssh -i ${host.keyPath} -p ${host.port} -o StrictHostKeyChecking=no root@${host.host}`);
      console.log(`  users: ${Object.values(host.users).join(', ')}; password for all but root: ${host.password}`);
      console.log(`  port ${host.dockerPort} is published as itself, for dockerd's TLS listener (--generic-engine-port ${host.dockerPort})`);
      break;
    }
    case 'prepare': {
      // CI calls this before the tests: the daemon and the cached image, with their times printed.
      const started = Date.now();
      await ensureTestImage((l) => console.log(`[test hosts] ${l}`));
      await ensureVmImage((l) => console.log(`[test hosts] ${l}`));
      console.log(`[test hosts] daemon and images ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      break;
    }
    case 'ls': {
      const { stdout } = await docker(['ps', '--filter', `label=${RUN_LABEL}`, '--format', 'table {{.ID}}\t{{.Names}}\t{{.Status}}\t{{.Ports}}']);
      process.stdout.write(stdout);
      break;
    }
    case 'down':
      console.log(`removed ${await removeHosts('all')} test host(s)`);
      break;
    default:
      throw new Error('usage: npm run hosts -- up [--flavour sshd|systemd] [--privileged] | ls | down | prepare');
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});

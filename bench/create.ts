/**
 * `create -d generic` against a real test host that already has Docker: how long a create takes,
 * and how many SSH connections and remote commands it uses (docker-machine opened a connection per
 * command). The first create installs Docker and is not counted; each timed one adopts the same
 * host under a new name. Needs Linux, root and the test host image (`npm run hosts -- prepare`).
 * Run: npm run bench:create
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eHosts } from '../e2e/support/testHosts';
import { machineOnHost, requestFor } from '../e2e/hosts/machineOnHost';
import { createGenericMachine, removeMachine } from '../electron/core/services/genericMachines';
import { MachineService } from '../electron/core/services/machineService';
import type { SshSession } from '../electron/core/ssh/sshSession';

const RUNS = 5;

async function main(): Promise<void> {
  const hosts = await e2eHosts();
  if ('unavailable' in hosts) throw new Error(`bench/create needs real test hosts: ${hosts.unavailable}`);
  const store = await mkdtemp(join(tmpdir(), 'berth-bench-create-'));
  try {
    const host = await hosts.start({ flavour: 'systemd' });
    const machines = new MachineService(store, {});
    let started = Date.now();
    await machineOnHost(machines, host, 'warmup', { extra: { setHostname: false } });
    console.log(`first create (installs docker.io from apt): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await removeMachine(machines, 'warmup');

    const rows: { ms: number; connections: number; commands: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const sessions: SshSession[] = [];
      started = Date.now();
      const status = await createGenericMachine(machines, await requestFor(host, store, `bench${i}`, { setHostname: false }), {
        onProgress: () => undefined,
        onConnected: (ssh) => sessions.push(ssh),
      });
      const ms = Date.now() - started;
      if (status.state !== 'Running') throw new Error(`bench${i} ended ${status.state}: ${status.error ?? ''}`);
      rows.push({ ms, connections: sessions.length, commands: sessions.reduce((n, s) => n + s.commands, 0) });
      await removeMachine(machines, `bench${i}`);
    }
    const times = rows.map((r) => r.ms).sort((a, b) => a - b);
    console.log(`create on a host that already has Docker, ${RUNS} runs:`);
    rows.forEach((r, i) => console.log(`  run ${i + 1}: ${(r.ms / 1000).toFixed(2)} s, ${r.connections} SSH connection(s), ${r.commands} remote commands (SFTP uploads included)`));
    console.log(`  median ${(times[Math.floor(RUNS / 2)]! / 1000).toFixed(2)} s, min ${(times[0]! / 1000).toFixed(2)} s, max ${(times[RUNS - 1]! / 1000).toFixed(2)} s`);
  } finally {
    await hosts.close();
    await rm(store, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});

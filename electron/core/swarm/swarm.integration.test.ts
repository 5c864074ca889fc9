import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, copyFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../../../e2e/hosts/hosts';
import { machineOnHost } from '../../../e2e/hosts/machineOnHost';
import { startTestHost, testHosts } from '../../../e2e/hosts/testing';
import { type BerthRun, runBerth } from '../../../e2e/support/runBerth';
import { engineClient } from '../docker/dockerVersion';
import { MachineService } from '../services/machineService';
import { clientTlsFiles } from '../store/machineTls';
import { swarmOverview, updateSwarmNode } from './swarmService';

// Swarm mode across three machines on privileged test hosts, through Berth's CLI and core, checked
// with the real docker CLI against the manager. The service runs an image made here from Debian's
// busybox-static (`docker import`; no registry is reachable) and needs no overlay network.

const ctx = testHosts();
const run = promisify(execFile);
const NAMES = ['sw1', 'sw2', 'sw3'];

describe.skipIf(!ctx)('swarm mode across machines', () => {
  const hosts: TestHost[] = [];
  let store: string;
  let machines: MachineService;
  const berth = (args: string[]): Promise<BerthRun> => runBerth(['-s', store, ...args]);
  const dockerOn = async (name: string, args: string[]): Promise<string> =>
    (await run('docker', args, { env: { PATH: process.env.PATH, ...(await machines.envVars(name)) } })).stdout;

  beforeAll(async () => {
    store = await mkdtemp(join(tmpdir(), 'berth-swarm-'));
    machines = new MachineService(store, {});
    hosts.push(...(await Promise.all(NAMES.map(() => startTestHost(ctx!, { flavour: 'sshd', privileged: true })))));
    await Promise.all(NAMES.map((name, i) => machineOnHost(machines, hosts[i]!, name)));
  }, 300_000);
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.stop()));
    await rm(store, { recursive: true, force: true });
  });

  it('init refuses a loopback address the others cannot reach, then init + 2 joins make 3 Ready nodes with their roles', async () => {
    const loopback = await berth(['swarm', 'init', 'sw1']);
    expect(loopback.code).toBe(1);
    expect(loopback.stderr).toContain('"sw1" is recorded at 127.0.0.1, a loopback forward the other machines cannot reach: give the address they reach it at (--advertise-addr)');

    // The host's own address on the network the hosts share (its nested Docker has a bridge of its own).
    const address = (await hosts[0]!.exec("ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1")).trim();
    const init = await berth(['swarm', 'init', 'sw1', '--advertise-addr', address]);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^ID +HOSTNAME +MACHINE +ROLE +AVAILABILITY +STATUS +MANAGER STATUS +ENGINE\n\S+ +sw1 +sw1 +manager +active +ready +Leader +20\.10\.\S+\n$/);

    const joined = await berth(['swarm', 'join', 'sw2', 'sw3', '--manager', 'sw1']);
    expect(joined).toEqual({ code: 0, stdout: 'sw2: joined sw1 as worker\nsw3: joined sw1 as worker\n', stderr: '' });
    // The docker CLI, through the manager, agrees.
    const nodes = await dockerOn('sw1', ['node', 'ls', '--format', '{{.Hostname}} {{.Status}} {{.ManagerStatus}}']);
    expect(nodes.trim().split('\n').map((l) => l.trimEnd()).sort()).toEqual(['sw1 Ready Leader', 'sw2 Ready', 'sw3 Ready']);
    // The list's SWARM column.
    const ls = await berth(['ls', '-f', '{{.Name}} {{.Swarm}}']);
    expect(ls.stdout).toBe('sw1 sw1 (manager)\nsw2 sw1 (worker)\nsw3 sw1 (worker)\n');
  });

  it('a replicated service of a locally imported image runs its tasks on more than one node', async () => {
    const root = await mkdtemp(join(tmpdir(), 'berth-busybox-'));
    await mkdir(join(root, 'bin'));
    await copyFile('/bin/busybox', join(root, 'bin', 'busybox'));
    await symlink('busybox', join(root, 'bin', 'sleep'));
    const tar = (await run('tar', ['-C', root, '-c', '.'], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 })).stdout;
    await rm(root, { recursive: true, force: true });
    for (const name of NAMES) {
      const docker = await engineClient(await machines.url(name), clientTlsFiles(await machines.record(name)), 60_000);
      const stream = await docker.importImage(Readable.from([tar]) as unknown as string, { repo: 'local/busybox', tag: '1' });
      await new Promise((resolve, reject) => docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve(null))));
    }
    const manager = await engineClient(await machines.url('sw1'), clientTlsFiles(await machines.record('sw1')), 60_000);
    await manager.createService({
      Name: 'sleepers',
      TaskTemplate: { ContainerSpec: { Image: 'local/busybox:1', Command: ['/bin/sleep', '3600'] } },
      Mode: { Replicated: { Replicas: 3 } },
    });
    await expect
      .poll(async () => (await swarmOverview(machines, 'sw1')).services.find((s) => s.name === 'sleepers'), { timeout: 90_000, interval: 2000 })
      .toMatchObject({ running: 3, desired: 3, nodes: expect.any(Number) });
    const service = (await swarmOverview(machines, 'sw1')).services.find((s) => s.name === 'sleepers')!;
    expect(service.nodes).toBeGreaterThan(1);
    expect((await berth(['swarm', 'ls', 'sw1'])).stdout).toMatch(/^SERVICE +REPLICAS +NODES\nsleepers +3\/3 +[23]\n$/m);
  });

  it('promote/demote and leave change docker node ls; joining again, or a machine whose Docker is down, is a per-machine error', async () => {
    const overview = await swarmOverview(machines, 'sw1');
    const sw2 = overview.nodes.find((n) => n.machine === 'sw2')!;
    await updateSwarmNode(machines, 'sw1', sw2.id, { role: 'manager' });
    // The new manager takes a moment to join the managers' consensus.
    await expect.poll(() => dockerOn('sw1', ['node', 'ls', '--filter', 'name=sw2', '--format', '{{.ManagerStatus}}']), { timeout: 30_000 }).toBe('Reachable\n');
    expect((await berth(['ls', '--filter', 'name=sw2', '-f', '{{.Swarm}}'])).stdout).toBe('sw1 (manager)\n');
    await updateSwarmNode(machines, 'sw1', sw2.id, { role: 'worker' });
    await expect.poll(() => dockerOn('sw1', ['node', 'ls', '--filter', 'name=sw2', '--format', '{{.ManagerStatus}}']), { timeout: 30_000 }).toBe('\n');

    const again = await berth(['swarm', 'join', 'sw2', '--manager', 'sw1']);
    expect(again).toMatchObject({ code: 1, stdout: 'sw2: error: already in this swarm\n' });

    expect(await berth(['swarm', 'leave', 'sw3'])).toEqual({ code: 0, stdout: '"sw3" left the swarm\n', stderr: '' });
    await expect.poll(async () => dockerOn('sw1', ['node', 'ls', '--filter', 'name=sw3', '--format', '{{.Status}}']), { timeout: 30_000 }).toBe('Down\n');
    expect((await berth(['ls', '-f', '{{.Name}}={{.Swarm}}', '--filter', 'name=sw3'])).stdout).toBe('sw3=\n');

    // sw3's Docker down: its join fails on its own line, the command exits 1.
    await hosts[2]!.exec("pkill -f '[b]erth-dockerd'; pkill -x dockerd; true");
    const down = await berth(['swarm', 'join', 'sw3', '--manager', 'sw1']);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/^sw3: error: Docker did not answer: /);
    expect(down.stderr).toBe('1 of 1 machines did not join\n');
  });
});

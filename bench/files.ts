/**
 * File transfer throughput to and from a real test host (an sshd container on loopback; Linux, root
 * and the test host image needed): `berth scp` (SFTP with ssh2's pipelined reads and writes) next to
 * the system OpenSSH `scp` (SFTP protocol too since OpenSSH 9) on the same host, file and key, in the
 * same run. Each figure is the median of 3 runs, connection set-up included. Goal: ≥ 0.7× scp.
 * Run: npm run bench:files
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sshOnlyMachine } from '../e2e/hosts/sshMachine';
import { e2eHosts } from '../e2e/support/testHosts';
import { runBerth } from '../e2e/support/runBerth';
import { MachineService } from '../electron/core/services/machineService';

const run = promisify(execFile);
const MB = 100;
const ROUNDS = 3;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (ms: number): number => MB * 1.048576 / (ms / 1000);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await work();
  return Date.now() - started;
}

async function main(): Promise<void> {
  const hosts = await e2eHosts();
  if ('unavailable' in hosts) throw new Error(`bench:files needs the test hosts: ${hosts.unavailable}`);
  const dir = await mkdtemp(join(tmpdir(), 'berth-bench-files-'));
  try {
    const host = await hosts.start({ flavour: 'sshd' });
    const store = join(dir, 'store');
    await sshOnlyMachine(new MachineService(store, {}), host, 'files');
    const file = join(dir, 'payload.bin');
    await writeFile(file, randomBytes(MB * 1024 * 1024));
    const scpArgs = ['-q', '-i', host.keyPath, '-P', String(host.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'];
    const berth = async (args: string[]): Promise<void> => {
      const r = await runBerth(['-s', store, 'scp', '-q', ...args], { timeoutMs: 300_000 });
      if (r.code !== 0) throw new Error(`berth scp ${args.join(' ')}: ${r.stderr}`);
    };
    const measures: Record<string, () => Promise<unknown>> = {
      'scp upload': () => run('scp', [...scpArgs, file, 'root@127.0.0.1:/tmp/ref.bin']),
      'scp download': () => run('scp', [...scpArgs, 'root@127.0.0.1:/tmp/ref.bin', join(dir, 'ref-back.bin')]),
      'berth scp upload': () => berth([file, 'files:/tmp/berth.bin']),
      'berth scp download': () => berth(['files:/tmp/berth.bin', join(dir, 'berth-back.bin')]),
    };
    const times: Record<string, number[]> = {};
    // Interleaved rounds: both tools see the same machine load.
    for (let i = 0; i < ROUNDS; i++) for (const [name, work] of Object.entries(measures)) (times[name] ??= []).push(await timed(work));
    const mbps = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, rate(median(v))]));
    console.log(`${MB} MiB file, loopback sshd host, median of ${ROUNDS}:`);
    for (const [name, v] of Object.entries(mbps)) console.log(`  ${name.padEnd(20)} ${v.toFixed(1)} MB/s`);
    for (const way of ['upload', 'download']) {
      const ratio = mbps[`berth scp ${way}`]! / mbps[`scp ${way}`]!;
      console.log(`  ${way}: berth / scp = ${ratio.toFixed(2)} (goal ≥ 0.70: ${ratio >= 0.7 ? 'met' : 'NOT met'})`);
    }
  } finally {
    await hosts.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

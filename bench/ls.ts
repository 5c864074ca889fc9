/**
 * `berth ls` on a store of 30 generic machines: 10 whose SSH port answers (and whose Docker port
 * refuses), 10 whose SSH port refuses, 10 whose SSH port accepts and never speaks (a black hole on
 * loopback). Prints how long the whole table took by default and with -t 2 (next to docker-machine 0.16.2
 * on the same kind of store as the issue measured it: it cannot be run here), and each probe's latency.
 * Run: npx tsx bench/ls.ts
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyFixtureStore } from '../e2e/fixtures/fixtureStore';
import { MachineService } from '../electron/core/services/machineService';
import { muteServer, refusingPort } from '../e2e/hosts/zoo';

const PER_KIND = 10;
const TIMEOUT_S = 2;

async function main(): Promise<void> {
  const store = await copyFixtureStore();
  const service = new MachineService(store);
  const template = await service.record('gen1');
  const closers: (() => Promise<void>)[] = [];
  const kinds = ['up', 'refused', 'blackhole'] as const;
  for (const kind of kinds) {
    for (let i = 0; i < PER_KIND; i++) {
      const name = `${kind}-${i}`;
      let sshPort: number;
      if (kind === 'refused') sshPort = await refusingPort();
      else {
        const l = await muteServer();
        closers.push(l.close);
        sshPort = l.port;
      }
      const dir = join(store, 'machines', name);
      await mkdir(dir, { recursive: true });
      await cp(join(store, 'machines', 'gen1'), dir, { recursive: true });
      await service.store.save({
        ...template,
        name,
        dir,
        config: { ...template.config, Name: name, Driver: { ...template.config.Driver, MachineName: name, SSHPort: sshPort, EnginePort: kind === 'blackhole' ? sshPort : await refusingPort() } },
      });
    }
  }

  const berth = fileURLToPath(new URL('../bin/berth.cjs', import.meta.url));
  const ls = async (extra: string[]): Promise<{ wall: number; out: string }> => {
    const started = Date.now();
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [berth, '-s', store, 'ls', ...extra], (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    return { wall: Date.now() - started, out };
  };
  const byDefault = await ls([]);
  const { wall, out } = await ls(['-t', String(TIMEOUT_S)]);

  const perProbe = await Promise.all(
    kinds.flatMap((k) => Array.from({ length: PER_KIND }, (_, i) => `${k}-${i}`)).map(async (n) => {
      const s = await service.status(n, { timeoutMs: TIMEOUT_S * 1000 });
      return [n.replace(/-\d+$/, ''), s.responseMs] as const;
    }),
  );
  const byKind = new Map<string, number[]>();
  for (const [k, ms] of perProbe) byKind.set(k, [...(byKind.get(k) ?? []), ms]);

  // docker-machine 0.16.2 on the same kind of store, measured on this machine when it could still be run.
  const REFERENCE = { default: 10_350, t2: 2_370 };
  const rows = out.trim().split('\n').length - 1;
  console.log(`berth ls, ${rows} rows, default timeout: ${byDefault.wall} ms wall (goal ≤ 3500: ${byDefault.wall <= 3500 ? 'met' : 'NOT met'}; docker-machine ${REFERENCE.default} ms, ratio ${(byDefault.wall / REFERENCE.default).toFixed(2)})`);
  console.log(`berth ls, ${rows} rows, -t ${TIMEOUT_S}: ${wall} ms wall (docker-machine ${REFERENCE.t2} ms, ratio ${(wall / REFERENCE.t2).toFixed(2)}); process start included`);
  for (const [k, list] of byKind) {
    console.log(`  ${k.padEnd(9)} probe latency: max ${Math.max(...list)} ms, median ${list.sort((a, b) => a - b)[list.length >> 1]} ms`);
  }
  await Promise.all(closers.map((close) => close()));
  await rm(store, { recursive: true, force: true });
}

void main();

/**
 * `berth ls` on a store of 30 generic machines: 10 whose SSH port answers (and whose Docker port
 * refuses), 10 whose SSH port refuses, 10 whose SSH port accepts and never speaks (a black hole on
 * loopback). Prints how long the whole table took with -t 2, and each probe's own latency.
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

  const berth = fileURLToPath(new URL('../bin/berth.mjs', import.meta.url));
  const started = Date.now();
  const out = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [berth, '-s', store, 'ls', '-t', String(TIMEOUT_S)], (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );
  const wall = Date.now() - started;

  const perProbe = await Promise.all(
    kinds.flatMap((k) => Array.from({ length: PER_KIND }, (_, i) => `${k}-${i}`)).map(async (n) => {
      const s = await service.status(n, { timeoutMs: TIMEOUT_S * 1000 });
      return [n.replace(/-\d+$/, ''), s.responseMs] as const;
    }),
  );
  const byKind = new Map<string, number[]>();
  for (const [k, ms] of perProbe) byKind.set(k, [...(byKind.get(k) ?? []), ms]);

  console.log(`berth ls, ${out.trim().split('\n').length - 1} rows, -t ${TIMEOUT_S}: ${wall} ms wall (process start included)`);
  for (const [k, list] of byKind) {
    console.log(`  ${k.padEnd(9)} probe latency: max ${Math.max(...list)} ms, median ${list.sort((a, b) => a - b)[list.length >> 1]} ms`);
  }
  await Promise.all(closers.map((close) => close()));
  await rm(store, { recursive: true, force: true });
}

void main();

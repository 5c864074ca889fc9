/**
 * The machine list in the page (browser-host mode, Debian's Chromium) for a store of 30 generic
 * machines on loopback: 20 whose SSH port answers and whose Docker port is a real mutual-TLS
 * endpoint answering `/version` (5–80 ms each), 5 whose SSH port refuses, 5 black holes (accept,
 * never speak). Prints the time until every reachable row shows its Docker version, and until the
 * whole table has settled (no row still checking), on first load and on a reload.
 * Run: npm run bench:list-refresh
 */
import { rm } from 'node:fs/promises';
import { copyFixtureStore } from '../e2e/fixtures/fixtureStore';
import { MachineService } from '../electron/core/services/machineService';
import { muteServer, refusingPort } from '../e2e/hosts/zoo';
import { cloneMachine, dockerEndpoint, dropFixtureMachines, listPage, until } from './support/benchStore';

const KINDS = { up: 20, refused: 5, blackhole: 5 } as const;


const reachableShowVersions = (): boolean =>
  [...document.querySelectorAll('tr[data-machine^="up-"]')].length === 20 &&
  [...document.querySelectorAll('tr[data-machine^="up-"]')].every((tr) => /^v27\.3\.1$/.test(tr.children[[...document.querySelectorAll('table[aria-label="Machines"] thead th')].findIndex((th) => th.textContent?.trim().startsWith('Docker'))]?.textContent ?? ''));
const settled = (): boolean =>
  document.querySelectorAll('table[aria-label="Machines"] tbody tr').length === 30 && !document.querySelector('table[aria-label="Machines"] [aria-busy="true"]');

async function main(): Promise<void> {
  const store = await copyFixtureStore();
  const machines = new MachineService(store, {});
  const template = await machines.record('gen1');
  const closers: (() => Promise<void>)[] = [];
  for (const [kind, count] of Object.entries(KINDS)) {
    for (let i = 0; i < count; i++) {
      const name = `${kind}-${i}`;
      let sshPort: number;
      let enginePort: number;
      if (kind === 'refused') {
        sshPort = await refusingPort();
        enginePort = await refusingPort();
      } else {
        const ssh = await muteServer();
        closers.push(ssh.close);
        sshPort = ssh.port;
        const engine = kind === 'up' ? await dockerEndpoint(store) : await muteServer();
        closers.push(engine.close);
        enginePort = engine.port;
      }
      await cloneMachine(machines, template, name, sshPort, enginePort);
    }
  }
  await dropFixtureMachines(store);

  const { url, page, close } = await listPage(store);
  try {
    let started = Date.now();
    await page.goto(url);
    const firstVersions = await until(page, started, reachableShowVersions);
    const firstSettled = await until(page, started, settled);
    // Opening the app again (a reload): every row starts from "Checking…".
    started = Date.now();
    await page.reload();
    const reloadVersions = await until(page, started, reachableShowVersions);
    const reloadSettled = await until(page, started, settled);
    console.log(`machine list, 30 machines (${KINDS.up} reachable over TLS, ${KINDS.refused} refusing, ${KINDS.blackhole} black holes), 2 s probe timeout:`);
    console.log(`  first load: every reachable row shows its Docker version after ${firstVersions} ms; table settled after ${firstSettled} ms`);
    console.log(`  reload:     versions after ${reloadVersions} ms; settled after ${reloadSettled} ms`);
  } finally {
    await close();
    await Promise.all(closers.map((close) => close()));
    await rm(store, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});

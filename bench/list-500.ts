/**
 * The machine list with 500 machines (browser-host mode, Debian's Chromium): all are generic
 * machines whose Docker port is one real mutual-TLS endpoint on loopback (5–80 ms a `/version`).
 * Prints the time until 500 rows are drawn, until every row shows its Docker version, the frame
 * times while scrolling the whole list (p50/p95/max, and frames over 50 ms), the time a filter
 * takes to narrow the table, and the main thread's long tasks while the rows refresh.
 * Run: npm run bench:list-500
 */
import { rm } from 'node:fs/promises';
import { copyFixtureStore } from '../e2e/fixtures/fixtureStore';
import { muteServer } from '../e2e/hosts/zoo';
import { MachineService } from '../electron/core/services/machineService';
import { cloneMachine, dockerEndpoint, dropFixtureMachines, listPage, until } from './support/benchStore';

const COUNT = 500;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

async function main(): Promise<void> {
  const store = await copyFixtureStore();
  const machines = new MachineService(store, {});
  const template = await machines.record('gen1');
  const engine = await dockerEndpoint(store);
  const ssh = await muteServer();
  for (let i = 0; i < COUNT; i++) await cloneMachine(machines, template, `m-${i}`, ssh.port, engine.port);
  await dropFixtureMachines(store);

  const { url, page, close } = await listPage(store);
  try {
    const started = Date.now();
    await page.goto(url);
    const drawn = await until(page, started, () => document.querySelectorAll('table[aria-label="Machines"] tbody tr').length === 500);
    const versions = await until(page, started, () =>
      [...document.querySelectorAll('table[aria-label="Machines"] tbody tr')].every((tr) => /^v27\.3\.1$/.test(tr.children[[...document.querySelectorAll('table[aria-label="Machines"] thead th')].findIndex((th) => th.textContent?.trim().startsWith('Docker'))]?.textContent ?? '')),
    );

    // Scroll top to bottom, 40 px a frame, timing every frame.
    const frames = await page.evaluate(async () => {
      const deltas: number[] = [];
      window.scrollTo(0, 0);
      let last = performance.now();
      const end = document.documentElement.scrollHeight - window.innerHeight;
      while (window.scrollY < end) {
        window.scrollBy(0, 40);
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
      }
      return deltas;
    });
    const sorted = [...frames].sort((a, b) => a - b);

    const filterStarted = Date.now();
    await page.getByRole('searchbox', { name: 'Filter by name' }).fill('m-49');
    const filtered = await until(page, filterStarted, () => document.querySelectorAll('table[aria-label="Machines"] tbody tr').length === 11);
    await page.getByRole('searchbox', { name: 'Filter by name' }).fill('');

    // Long tasks over one refresh period (every row is probed again every 10 s).
    const longTasks = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const seen: number[] = [];
          new PerformanceObserver((list) => list.getEntries().forEach((e) => seen.push(e.duration))).observe({ type: 'longtask', buffered: false });
          setTimeout(() => resolve(seen), 12_000);
        }),
    );

    console.log(`machine list, ${COUNT} machines answering over TLS (5–80 ms each):`);
    console.log(`  ${COUNT} rows drawn after ${drawn} ms; every row shows its Docker version after ${versions} ms`);
    console.log(
      `  scrolling the whole list: ${frames.length} frames, p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms, ${frames.filter((f) => f > 50).length} over 50 ms`,
    );
    console.log(`  filter "m-49" narrows 500 rows to 11 in ${filtered} ms`);
    console.log(`  one refresh period (12 s): ${longTasks.length} long tasks, ${longTasks.reduce((a, b) => a + b, 0).toFixed(0)} ms in total, longest ${Math.max(0, ...longTasks).toFixed(0)} ms`);
  } finally {
    await close();
    await engine.close();
    await ssh.close();
    await rm(store, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});

/**
 * Browser-host start-up: from `npm run web`'s process start to its URL line, and to an interactive
 * list in Debian's Chromium (the fixture store's rows shown). Goals: URL ≤ 0.8 s, list ≤ 1 s.
 * Median of a few runs, the browser already running (as a user's would be).
 * Run: npm run bench:web-start
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../playwright.config';
import { copyFixtureStore } from '../e2e/fixtures/fixtureStore';

const RUNS = 5;
const WEB = fileURLToPath(new URL('../bin/berth-web.mjs', import.meta.url));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const store = await copyFixtureStore();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const toUrl: number[] = [];
  const toList: number[] = [];
  try {
    for (let i = 0; i <= RUNS; i++) {
      // The tab is open before Berth starts, as a user's browser is: its creation is the browser's time, not Berth's.
      const page = await browser.newPage();
      const started = performance.now();
      const child = spawn(process.execPath, [WEB, '-s', store], { stdio: ['ignore', 'pipe', 'inherit'] });
      const url = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(String(d).trim().replace('Berth is listening on ', ''))));
      const urlMs = performance.now() - started;
      await page.goto(url);
      await page.getByRole('rowheader', { name: 'gen1' }).waitFor();
      const listMs = performance.now() - started;
      await page.close();
      child.kill();
      if (i === 0) continue; // the first run warms the file cache
      toUrl.push(urlMs);
      toList.push(listMs);
    }
  } finally {
    await browser.close();
    await rm(store, { recursive: true, force: true });
  }
  console.log(`browser host start-up, median of ${RUNS}:`);
  console.log(`  to the URL line:        ${median(toUrl).toFixed(0)} ms (goal ≤ 800: ${median(toUrl) <= 800 ? 'met' : 'NOT met'})`);
  console.log(`  to an interactive list: ${median(toList).toFixed(0)} ms (goal ≤ 1000: ${median(toList) <= 1000 ? 'met' : 'NOT met'})`);
}

await main();

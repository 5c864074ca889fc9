#!/usr/bin/env node
// `npm test`: every check in order (typecheck, the CLI/web build, lint, unit, integration, e2e), then one closing line
// "tests: N passed, N failed, N skipped" summed from the runners' JSON reports. Exits non-zero if any stage failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reports = mkdtempSync(join(tmpdir(), 'berth-test-'));
const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedStages = [];

const stages = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.json'] },
  // The CLI and web host the tests run are the built ones: build them once, before any test spawns them.
  { name: 'build-node', cmd: ['node', 'scripts/build-node.mjs'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.'] },
  {
    name: 'unit',
    cmd: ['npx', 'vitest', 'run', '--config', 'vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'unit.json')}`],
    report: { kind: 'vitest', file: join(reports, 'unit.json') },
  },
  {
    name: 'integration',
    cmd: ['npx', 'vitest', 'run', '--config', 'vitest.integration.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'integration.json')}`],
    report: { kind: 'vitest', file: join(reports, 'integration.json') },
  },
  { name: 'build', cmd: ['npx', 'electron-vite', 'build'] },
  // The packaged app's icons (PNG set, .ico, .icns, tray): made here as `npm run package` makes them.
  { name: 'icons', cmd: ['node', 'scripts/icons.mjs'] },
  {
    name: 'e2e',
    cmd: ['npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'e2e.json') },
    report: { kind: 'playwright', file: join(reports, 'e2e.json') },
  },
];

function count(report) {
  if (!existsSync(report.file)) return;
  const data = JSON.parse(readFileSync(report.file, 'utf8'));
  if (report.kind === 'vitest') {
    totals.passed += data.numPassedTests;
    totals.failed += data.numFailedTests;
    totals.skipped += data.numPendingTests + (data.numTodoTests ?? 0);
  } else {
    totals.passed += data.stats.expected + data.stats.flaky;
    totals.failed += data.stats.unexpected;
    totals.skipped += data.stats.skipped;
  }
}

for (const stage of stages) {
  if (only.length > 0 && !only.includes(stage.name)) continue;
  console.log(`\n=== ${stage.name}: ${stage.cmd.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(stage.cmd[0], stage.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...stage.env } });
  console.log(`=== ${stage.name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (stage.report) count(stage.report);
  if (result.status !== 0) failedStages.push(stage.name);
}

if (failedStages.length > 0) console.log(`\nFailed stages: ${failedStages.join(', ')}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStages.length > 0 ? 1 : 0);

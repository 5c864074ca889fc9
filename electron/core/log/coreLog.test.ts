import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoreLog } from './coreLog';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('core log', () => {
  it('writes masked, timestamped lines (continuation lines indented) with mode 0600', () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-log-'));
    const log = createCoreLog(join(dir, 'logs', 'core.log'), { now: () => new Date('2026-12-03T10:00:00Z') });
    log.write('error', 'INTERNAL: boom with HTTP_PROXY=http://u:pw@proxy\n    at f (x.ts:1)');
    expect(readFileSync(log.file, 'utf8')).toBe('2026-12-03T10:00:00.000Z error INTERNAL: boom with HTTP_PROXY=http://u:*****@proxy\n        at f (x.ts:1)\n');
    expect(statSync(log.file).mode & 0o777).toBe(0o600);
  });

  it('rotates at its size cap and keeps a bounded number of generations', () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-log-'));
    const log = createCoreLog(join(dir, 'core.log'), { maxBytes: 200, keep: 2 });
    for (let i = 0; i < 40; i++) log.write('info', `line ${i} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual(['core.log', 'core.log.1', 'core.log.2']);
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(200);
    expect(readFileSync(join(dir, 'core.log'), 'utf8')).toContain('line 39');
  });
});

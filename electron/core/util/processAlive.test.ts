import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processAlive } from './processAlive';

describe('processAlive', () => {
  it('knows this process, one that exited, and pids that cannot be', async () => {
    expect(processAlive(process.pid)).toBe(true);
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => child.once('exit', r));
    expect(processAlive(child.pid!)).toBe(false);
    expect([0, -1, 1.5, NaN].map(processAlive)).toEqual([false, false, false, false]);
  });
});

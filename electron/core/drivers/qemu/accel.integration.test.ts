import { describe, expect, it } from 'vitest';
import { acceleratorRunsGuests } from './accel';

describe('the x86_64 accelerator probe', () => {
  it('runs its guest under TCG, which ends the VM at once through isa-debug-exit', async () => {
    expect(await acceleratorRunsGuests('tcg', 'x86_64', 30_000)).toEqual({ ok: true, reason: 'TCG runs guests' });
  });

  it('says why when the accelerator cannot run guests', async () => {
    const r = await acceleratorRunsGuests('whpx', 'x86_64', 30_000);
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/^a WHPX guest failed: .*whpx/i);
  });
});

import { describe, expect, it } from 'vitest';
import { settleOnce } from './settleOnce';

describe('settleOnce', () => {
  it('resolves with the first outcome and ignores later ones', async () => {
    await expect(settleOnce<string>(1000, (resolve, reject) => (resolve('a'), reject(new Error('b')), resolve('c'), () => undefined))).resolves.toBe('a');
  });
  it('rejects at the deadline and cleans up when nothing ever happens', async () => {
    let cleaned = false;
    await expect(settleOnce(50, () => () => void (cleaned = true), () => new Error('silent'))).rejects.toThrow('silent');
    expect(cleaned).toBe(true);
  });
  it('does not time out after it settled', async () => {
    let cleaned = false;
    await expect(settleOnce<number>(30, (resolve) => (resolve(1), () => void (cleaned = true)))).resolves.toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(cleaned).toBe(false);
  });
});

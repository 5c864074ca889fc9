import { describe, expect, it } from 'vitest';
import { formatTransfer } from './formatTransfer';

describe('formatTransfer', () => {
  it.each([
    [0, 600_000_000, '0.0 MB of 600.0 MB (0%)'],
    [123_456_789, 600_000_000, '123.5 MB of 600.0 MB (20%)'],
    [599_999_999, 600_000_000, '600.0 MB of 600.0 MB (99%)'],
    [600_000_000, 600_000_000, '600.0 MB of 600.0 MB (100%)'],
    [5_000_000, null, '5.0 MB'],
  ])('%d of %s', (done, total, expected) => {
    expect(formatTransfer(done, total)).toBe(expected);
  });
});

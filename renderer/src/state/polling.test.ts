import { describe, expect, it } from 'vitest';
import { isUnreachable, MAX_BACKOFF_MS, nextProbeDelay, notAnswering, POLL_MS } from './polling';

describe('nextProbeDelay', () => {
  it.each([
    [0, POLL_MS],
    [1, 2 * POLL_MS],
    [2, 4 * POLL_MS],
    [3, MAX_BACKOFF_MS],
    [20, MAX_BACKOFF_MS],
  ])('after %d failures: %d ms', (failures, ms) => expect(nextProbeDelay(failures)).toBe(ms));

  it('follows the refresh interval of Settings; a long one is also the longest back-off', () => {
    expect([0, 1, 5].map((n) => nextProbeDelay(n, false, 30_000))).toEqual([30_000, 60_000, 60_000]);
    expect([0, 3].map((n) => nextProbeDelay(n, false, 300_000))).toEqual([300_000, 300_000]);
  });
});

describe('isUnreachable', () => {
  it.each([
    ['Running', false],
    ['Starting', false],
    ['Timeout', true],
    ['Stopped', true],
    ['Error', true],
    [null, true],
  ] as const)('%s → %s', (state, expected) => expect(isUnreachable(state)).toBe(expected));

  it('asks a running machine whose Docker was silent again soon, backing off from 2 s', () => {
    expect([1, 2, 3, 6, 10].map((n) => nextProbeDelay(n, true))).toEqual([2000, 4000, 8000, 60_000, 60_000]);
  });
});

describe('notAnswering', () => {
  it.each([
    [null, null],
    [{ state: 'Running', detail: null }, null],
    [{ state: 'Stopped', detail: 'SSH port 127.0.0.1:22 refused the connection' }, 'web is Stopped: SSH port 127.0.0.1:22 refused the connection'],
    [{ state: 'Timeout', detail: null }, 'web is Timeout'],
  ] as const)('%j → %j', (status, want) => expect(notAnswering('web', status)).toBe(want));
});

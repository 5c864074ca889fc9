import { describe, expect, it } from 'vitest';
import type { MachineStatus } from './types';
import { applyProgressEvent, finishProgress, formatElapsed, LOG_LIMIT, startProgress } from './progress';

const m = 'web1';
const steps = applyProgressEvent(startProgress('Create'), { machine: m, kind: 'steps', steps: ['Detect OS', 'Install Docker Engine'] }, 0);

describe('applyProgressEvent', () => {
  it('lists the steps as pending', () => {
    expect(steps.steps.map((s) => [s.name, s.state])).toEqual([
      ['Detect OS', 'pending'],
      ['Install Docker Engine', 'pending'],
    ]);
  });

  it.each([
    ['running', { state: 'running', elapsedMs: 0 }, { state: 'running', startedAt: 1000, elapsedMs: null }],
    ['done', { state: 'done', elapsedMs: 1234 }, { state: 'done', elapsedMs: 1234 }],
    ['skipped with a reason', { state: 'skipped', elapsedMs: 5, detail: 'docker.io 20.10.24 already there' }, { state: 'skipped', detail: 'docker.io 20.10.24 already there' }],
    ['failed', { state: 'failed', elapsedMs: 70 }, { state: 'failed', elapsedMs: 70 }],
  ] as const)('marks a step %s', (_, change, expected) => {
    const next = applyProgressEvent(steps, { machine: m, kind: 'step', step: 'Detect OS', ...change }, 1000);
    expect(next.steps[0]).toMatchObject(expected);
    expect(next.steps[1]!.state).toBe('pending');
  });

  it('adds a step it was not told about', () => {
    const next = applyProgressEvent(steps, { machine: m, kind: 'step', step: 'Extra', state: 'running', elapsedMs: 0 }, 5);
    expect(next.steps.map((s) => s.name)).toEqual(['Detect OS', 'Install Docker Engine', 'Extra']);
  });

  it("keeps a step's latest transfer", () => {
    let p = applyProgressEvent(steps, { machine: m, kind: 'transfer', step: 'Install Docker Engine', done: 10, total: 100 }, 0);
    p = applyProgressEvent(p, { machine: m, kind: 'transfer', step: 'Install Docker Engine', done: 60, total: 100 }, 0);
    expect(p.steps.map((s) => s.transfer)).toEqual([null, { done: 60, total: 100 }]);
  });

  it('appends to the log and keeps only its tail', () => {
    let p = applyProgressEvent(steps, { machine: m, kind: 'log', text: 'a\n' }, 0);
    p = applyProgressEvent(p, { machine: m, kind: 'log', text: 'b\n' }, 0);
    expect(p.log).toBe('a\nb\n');
    p = applyProgressEvent(p, { machine: m, kind: 'log', text: 'x'.repeat(LOG_LIMIT) }, 0);
    expect(p.log.length).toBe(LOG_LIMIT);
    expect(p.log.startsWith('x')).toBe(true);
  });
});

describe('finishProgress', () => {
  const running = applyProgressEvent(steps, { machine: m, kind: 'step', step: 'Detect OS', state: 'running', elapsedMs: 0 }, 0);

  it('keeps the result of a success', () => {
    const result = { name: m, state: 'Running' } as MachineStatus;
    expect(finishProgress(running, { result })).toMatchObject({ phase: 'done', result, error: null });
  });

  it('marks the running step failed with the error', () => {
    const done = finishProgress(running, { error: { code: 'SUDO_PASSWORD', message: 'sudo needs a password' } });
    expect(done.phase).toBe('failed');
    expect(done.steps.map((s) => s.state)).toEqual(['failed', 'pending']);
    expect(done.error).toEqual({ code: 'SUDO_PASSWORD', message: 'sudo needs a password' });
  });
});

describe('formatElapsed', () => {
  it.each([
    [0, '0.0 s'],
    [1234, '1.2 s'],
    [12_600, '13 s'],
    [125_000, '2 min 5 s'],
  ])('%d ms → %s', (ms, text) => expect(formatElapsed(ms)).toBe(text));
});

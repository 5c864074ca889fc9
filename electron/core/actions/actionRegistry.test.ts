import { describe, expect, it } from 'vitest';
import type { ActionSummary } from '../../../shared/types';
import { BerthError } from '../errors';
import { ActionRegistry, KEEP_FINISHED } from './actionRegistry';

function registry() {
  const events: Array<[string, unknown]> = [];
  const r = new ActionRegistry({
    started: (a) => events.push(['started', a]),
    progress: (id, e) => events.push(['progress', { id, e }]),
    ended: (a) => events.push(['ended', a]),
  });
  return { r, events };
}

describe('action registry', () => {
  it('records an action from start to end: steps with their states, the log, the outcome; events carry the id', () => {
    const { r, events } = registry();
    const h = r.begin('restart', 'web-1', { sudoPassword: 'hunter2', action: 'restart' });
    h.progress({ machine: 'web-1', kind: 'steps', steps: ['Reboot', 'Wait for SSH'] });
    h.progress({ machine: 'web-1', kind: 'step', step: 'Reboot', state: 'running', elapsedMs: 0 });
    h.progress({ machine: 'web-1', kind: 'log', text: 'Rebooting…\n' });
    h.progress({ machine: 'web-1', kind: 'step', step: 'Reboot', state: 'done', elapsedMs: 1200 });
    h.succeeded('back in 12 s');
    const a = r.get(h.id)!;
    expect(a).toMatchObject({ kind: 'restart', machine: 'web-1', state: 'succeeded', message: 'back in 12 s', error: null, log: 'Rebooting…\n' });
    expect(a.steps.map((s) => [s.name, s.state, s.elapsedMs])).toEqual([
      ['Reboot', 'done', 1200],
      ['Wait for SSH', 'pending', null],
    ]);
    expect(a.params).toEqual({ sudoPassword: '*****', action: 'restart' });
    expect(events.map(([name]) => name)).toEqual(['started', 'progress', 'progress', 'progress', 'progress', 'ended']);
    expect((events[1]![1] as { id: string }).id).toBe(h.id);
    expect(JSON.stringify(events)).not.toContain('hunter2');
  });

  it('ends as failed, or as cancelled when cancelled by id (its signal aborts) or with a CANCELLED error', () => {
    const { r } = registry();
    const a = r.begin('upgrade', 'a', {});
    a.failed(new Error('apt-get failed'));
    expect(r.get(a.id)).toMatchObject({ state: 'failed', error: 'apt-get failed' });
    const b = r.begin('provision', 'b', {});
    expect(r.cancel(b.id)).toBe(true);
    expect(b.signal.aborted).toBe(true);
    b.failed(new Error('connection closed'));
    expect(r.get(b.id)?.state).toBe('cancelled');
    expect(r.cancel(b.id)).toBe(false);
    const c = r.begin('create', 'c', {});
    c.failed(new BerthError('CANCELLED', 'Machine "c": cancelled at step "Boot"'));
    expect(r.get(c.id)?.state).toBe('cancelled');
  });

  it('a machine-level cancel (its lock signal) cancels the action too', () => {
    const { r } = registry();
    const lock = new AbortController();
    const h = r.begin('restart', 'm', {}, { signal: lock.signal });
    lock.abort();
    expect(h.signal.aborted).toBe(true);
  });

  it('lists running first, then finished newest first; keeps the last 100 finished; clears finished on request', () => {
    const { r } = registry();
    const running = r.begin('provision', 'keep', {});
    for (let i = 0; i < KEEP_FINISHED + 5; i++) r.begin('start', `m${i}`, {}).succeeded();
    const list: ActionSummary[] = r.list();
    expect(list[0]!.id).toBe(running.id);
    expect(list).toHaveLength(KEEP_FINISHED + 1);
    expect(list.some((a) => a.machine === 'm0')).toBe(false);
    r.clearFinished();
    expect(r.list().map((a) => a.id)).toEqual([running.id]);
  });
});

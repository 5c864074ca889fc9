import { describe, expect, it } from 'vitest';
import type { ActionSummary } from '../../../shared/types';
import { arrange, endedText, groupSummary } from './tasks';

const task = (over: Partial<ActionSummary>): ActionSummary => ({
  id: over.id ?? Math.random().toString(16).slice(2),
  kind: 'restart',
  machine: 'web-1',
  params: {},
  group: null,
  state: 'succeeded',
  startedAt: '2026-12-03T10:00:00.000Z',
  endedAt: null,
  steps: [],
  error: null,
  message: null,
  ...over,
});

describe('task center formats', () => {
  it.each<[Partial<ActionSummary>, string]>([
    [{}, 'Restart web-1 finished'],
    [{ kind: 'run-command', message: 'exit 0' }, 'Run a command web-1 finished: exit 0'],
    [{ state: 'failed', error: 'SSH refused' }, 'Restart web-1 failed: SSH refused'],
    [{ state: 'cancelled', kind: 'create' }, 'Create web-1 was cancelled'],
  ])('%j → %s', (over, text) => expect(endedText(task(over))).toBe(text));

  it('gathers a fleet action into one group, says how many succeeded, and lists running first', () => {
    const items = arrange([
      task({ id: 'a', group: 'g', machine: 'b', startedAt: '2026-12-03T10:00:01Z' }),
      task({ id: 'b', group: 'g', machine: 'a', state: 'failed', startedAt: '2026-12-03T10:00:02Z' }),
      task({ id: 'c', kind: 'provision', state: 'running', startedAt: '2026-12-03T09:00:00Z' }),
    ]);
    expect('task' in items[0]! && items[0].task.id).toBe('c');
    const group = 'group' in items[1]! ? items[1].group : null;
    expect(group?.tasks.map((t) => t.machine)).toEqual(['a', 'b']);
    expect(groupSummary(group!)).toBe('Restart on 2 machines: 1 of 2 succeeded');
    expect(groupSummary({ ...group!, tasks: [...group!.tasks, task({ state: 'running' })] })).toBe('Restart on 3 machines: 2 of 3 done');
  });
});

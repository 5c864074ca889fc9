import { describe, expect, it } from 'vitest';
import { keyedLimiter } from './keyedLimiter';

function deferred(): { promise: Promise<void>; resolve(): void; reject(): void } {
  let resolve!: () => void;
  let reject!: () => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = () => fail(new Error('failed'));
  });
  return { promise, resolve, reject };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('keyedLimiter', () => {
  it('runs at most max at once, the rest in arrival order as slots free up (a failure frees one too)', async () => {
    const limit = keyedLimiter(2);
    const tasks = new Map<string, ReturnType<typeof deferred>>();
    const started: string[] = [];
    for (const key of ['a', 'b', 'c', 'd']) {
      limit.run(key, () => {
        started.push(key);
        const d = deferred();
        tasks.set(key, d);
        return d.promise;
      });
    }
    expect(started).toEqual(['a', 'b']);
    expect(['a', 'c', 'e'].map((k) => limit.has(k))).toEqual([true, true, false]);
    tasks.get('b')!.reject();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    tasks.get('a')!.resolve();
    await tick();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    expect(limit.has('a')).toBe(false);
  });

  it('does not add a key that is already running or waiting', async () => {
    const limit = keyedLimiter(1);
    const d = deferred();
    let runs = 0;
    const task = (): Promise<void> => {
      runs++;
      return d.promise;
    };
    limit.run('a', task);
    limit.run('a', task);
    limit.run('b', task);
    limit.run('b', task);
    d.resolve();
    await tick();
    await tick();
    expect(runs).toBe(2);
  });

  it('asked again while running, runs the key once more after it (however often asked)', async () => {
    const limit = keyedLimiter(2);
    const d = deferred();
    let runs = 0;
    const task = (): Promise<void> => {
      runs++;
      return runs === 1 ? d.promise : Promise.resolve();
    };
    limit.run('a', task);
    limit.run('a', task, true);
    limit.run('a', task, true);
    expect(runs).toBe(1);
    d.resolve();
    await tick();
    await tick();
    expect(runs).toBe(2);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { BerthError } from '../errors';
import { closingOnAbort, LongActions } from './longActions';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

describe('LongActions', () => {
  it('runs actions on one machine one after the other, and other machines alongside', async () => {
    const actions = new LongActions();
    const log: string[] = [];
    let release!: () => void;
    const first = actions.run('a', async () => {
      log.push('a1 start');
      await new Promise<void>((ok) => (release = ok));
      log.push('a1 end');
      return 1;
    });
    const second = actions.run('a', async () => {
      log.push('a2');
      return 2;
    });
    const other = actions.run('b', async () => {
      log.push('b');
      return 3;
    });
    expect(await other).toBe(3);
    await tick();
    expect(log).toEqual(['a1 start', 'b']);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(log).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
  });

  it("cancel aborts the running action's signal and drops the waiting ones", async () => {
    const actions = new LongActions();
    expect(actions.cancel('a')).toBe(false);
    const running = actions.run('a', (signal) => new Promise((_, fail) => signal.addEventListener('abort', () => fail(new BerthError('CANCELLED', 'cancelled')))));
    let ranWaiting = false;
    const waiting = actions.run('a', async () => {
      ranWaiting = true;
    });
    await tick();
    expect(actions.cancel('a')).toBe(true);
    await expect(running).rejects.toThrow('cancelled');
    await expect(waiting).rejects.toThrow('Machine "a": cancelled before it started');
    expect(ranWaiting).toBe(false);
    await tick();
    expect(actions.cancel('a')).toBe(false);
  });

  it('goes on with the next action when one throws', async () => {
    const actions = new LongActions();
    const failing = actions.run('a', async () => Promise.reject(new Error('boom')));
    const next = actions.run('a', async () => 1);
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe(1);
  });
});

describe('closingOnAbort', () => {
  it('closes connections made before the cancel when it comes, and those made after at once', () => {
    const controller = new AbortController();
    const onConnected = closingOnAbort(controller.signal);
    const before = { close: vi.fn() };
    onConnected(before);
    expect(before.close).not.toHaveBeenCalled();
    controller.abort();
    expect(before.close).toHaveBeenCalledTimes(1);
    const after = { close: vi.fn() };
    onConnected(after);
    expect(after.close).toHaveBeenCalledTimes(1);
  });
});

import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors';
import { LongActions } from './longActions';

describe('LongActions', () => {
  it('refuses a second action on a busy machine, and runs actions on other machines alongside', async () => {
    const actions = new LongActions();
    let release!: () => void;
    const first = actions.run('a', () => new Promise<string>((ok) => (release = () => ok('done'))));
    const busy = await actions.run('a', async () => 'never').catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(BerthError);
    expect((busy as BerthError).message).toBe('Machine "a" is busy with another action; wait for it or cancel it');
    expect(await actions.run('b', async () => 'other')).toBe('other');
    release();
    expect(await first).toBe('done');
    // Free again once it ended.
    expect(await actions.run('a', async () => 'again')).toBe('again');
  });

  it('cancel aborts the running action\'s signal and says whether anything was running', async () => {
    const actions = new LongActions();
    expect(actions.cancel('a')).toBe(false);
    const running = actions.run('a', (signal) => new Promise((_, fail) => signal.addEventListener('abort', () => fail(new BerthError('CANCELLED', 'cancelled')))));
    expect(actions.cancel('a')).toBe(true);
    await expect(running).rejects.toThrow('cancelled');
    expect(actions.cancel('a')).toBe(false);
  });

  it('frees the machine when the action throws', async () => {
    const actions = new LongActions();
    await expect(actions.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await actions.run('a', async () => 1)).toBe(1);
  });
});

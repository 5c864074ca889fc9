import { describe, expect, it } from 'vitest';
import { SudoResponder } from './sudoAnswer';

const answer = { prompt: '[p-1]', reply: 'pw\n', ready: '[r-1]' };

describe('SudoResponder', () => {
  it('answers the prompt once, ends stdin at the announcement, and shows neither marker', () => {
    const r = new SudoResponder(answer);
    expect(r.push('[p-')).toEqual({ show: '' });
    expect(r.push('1]')).toEqual({ show: '', write: 'pw\n' });
    expect(r.push('[r-1]\nwarn: x\n')).toEqual({ show: 'warn: x\n', endStdin: true });
    expect(r.push('more\n')).toEqual({ show: 'more\n' });
    expect(r.end()).toBe('');
  });
  it('ends stdin when sudo asks again (a wrong password), and shows its refusal at the end', () => {
    const r = new SudoResponder(answer);
    expect(r.push('[p-1]')).toEqual({ show: '', write: 'pw\n' });
    expect(r.push('Sorry, try again.\n[p-1]')).toEqual({ show: '', endStdin: true });
    expect(r.end()).toBe('Sorry, try again.\n');
  });
  it('needs no answer when sudo does not ask: the announcement alone ends stdin', () => {
    const r = new SudoResponder(answer);
    expect(r.push('[r-1]\n')).toEqual({ show: '', endStdin: true });
  });
});

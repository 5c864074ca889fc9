import { describe, expect, it } from 'vitest';
import { nextFontSize, terminalShortcut } from './terminalKeys';

const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('terminal shortcuts', () => {
  it.each([
    [k('c', { ctrlKey: true }), null], // the shell's interrupt
    [k('C', { ctrlKey: true, shiftKey: true }), 'copy'],
    [k('V', { ctrlKey: true, shiftKey: true }), 'paste'],
    [k('T', { ctrlKey: true, shiftKey: true }), 'new-tab'],
    [k('W', { ctrlKey: true, shiftKey: true }), 'close-tab'],
    [k('Tab', { ctrlKey: true }), 'next-tab'],
    [k('Tab', { ctrlKey: true, shiftKey: true }), 'previous-tab'],
    [k('=', { ctrlKey: true }), 'font-bigger'],
    [k('+', { ctrlKey: true, shiftKey: true }), 'font-bigger'],
    [k('-', { metaKey: true }), 'font-smaller'],
    [k('0', { ctrlKey: true }), 'font-reset'],
    [k('f', { ctrlKey: true }), 'find'],
    [k('r', { ctrlKey: true }), null], // the shell's history search
    [k('c', { ctrlKey: true, altKey: true }), null],
    [k('a'), null],
  ] as const)('%j → %s', (keys, want) => expect(terminalShortcut(keys, true)).toBe(want));

  it('Ctrl+F goes to the shell when Settings says so', () => {
    expect(terminalShortcut(k('f', { ctrlKey: true }), false)).toBeNull();
  });

  it.each([
    [13, 'font-bigger', 14],
    [32, 'font-bigger', 32],
    [8, 'font-smaller', 8],
    [20, 'font-reset', 13],
  ] as const)('font %d %s → %d', (size, s, want) => expect(nextFontSize(size, s)).toBe(want));
});

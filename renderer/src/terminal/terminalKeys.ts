/** What a key press in a terminal asks of the app rather than of the shell. */
export type TerminalShortcut = 'find' | 'copy' | 'paste' | 'new-tab' | 'close-tab' | 'next-tab' | 'previous-tab' | 'font-bigger' | 'font-smaller' | 'font-reset';

interface Keys {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * The terminal's own shortcuts, as desktop terminals have them: Ctrl+Shift+C/V copy and paste
 * (plain Ctrl+C stays the shell's interrupt), Ctrl+Shift+T/W a new tab for this machine / close
 * this one, Ctrl+(Shift+)Tab the next/previous tab, Ctrl+= / Ctrl+- / Ctrl+0 the font size; Cmd
 * stands for Ctrl on macOS. Ctrl/Cmd+F is Find unless Settings gives it to the shell. Anything
 * else belongs to the shell (null).
 */
export function terminalShortcut(e: Keys, findIsApp: boolean): TerminalShortcut | null {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'tab') return e.shiftKey ? 'previous-tab' : 'next-tab';
  if (e.shiftKey) {
    const shifted: Record<string, TerminalShortcut> = { c: 'copy', v: 'paste', t: 'new-tab', w: 'close-tab', '+': 'font-bigger', '_': 'font-smaller' };
    return shifted[k] ?? null;
  }
  if (k === 'f') return findIsApp ? 'find' : null;
  if (k === '=' || k === '+') return 'font-bigger';
  if (k === '-') return 'font-smaller';
  if (k === '0') return 'font-reset';
  return null;
}

/** The next font size for a shortcut, within Settings' 8–32. */
export function nextFontSize(size: number, shortcut: 'font-bigger' | 'font-smaller' | 'font-reset', defaultSize = 13): number {
  if (shortcut === 'font-reset') return defaultSize;
  return Math.min(32, Math.max(8, size + (shortcut === 'font-bigger' ? 1 : -1)));
}

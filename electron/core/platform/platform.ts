/**
 * Services only Electron has (clipboard now; dialogs, safeStorage and openExternal as features need
 * them). The core sees this interface; Electron and plain Node each provide one.
 */
export interface Platform {
  readonly kind: 'electron' | 'node';
  /** Returns false where the user's clipboard is out of reach (browser-host mode: the page copies). */
  writeClipboardText(text: string): Promise<boolean>;
  /** null where the user's clipboard is out of reach (the page reads it itself). */
  readClipboardText(): Promise<string | null>;
  /** How many long actions run or wait now (the tray shows it). */
  actionsRunning?(count: number): void;
  /** The machine whose page a window shows (the application menu's Machine menu acts on it). */
  viewing?(name: string | null): void;
}

/** Browser-host mode and tests: the core runs in plain Node, away from the user's desktop. */
export const nodePlatform: Platform = {
  kind: 'node',
  async writeClipboardText() {
    return false;
  },
  async readClipboardText() {
    return null;
  },
};

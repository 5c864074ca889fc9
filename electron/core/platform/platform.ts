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
  /** A long action ended: the desktop tells the user if they are not looking (absent: nowhere to tell). */
  actionEnded?(ended: ActionEnded): void;
  /** How many long actions run or wait now (the tray shows it). */
  actionsRunning?(count: number): void;
  /** The machine whose page a window shows (the application menu's Machine menu acts on it). */
  viewing?(name: string | null): void;
}

export interface ActionEnded {
  machine: string;
  /** What ran, as the user would name it ("Create", "Restart"). */
  what: string;
  ok: boolean;
  /** The error's message when it failed or was cancelled. */
  error: string | null;
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

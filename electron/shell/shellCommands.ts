import type { Capabilities, LifecycleAction } from '../../shared/types';

/**
 * What a menu or tray item does, as data: the templates are built (and tested) in plain Node, and
 * electron/main.ts turns each command into a click handler. Commands the page carries out (it owns
 * the dialogs and their progress) travel to it as the `app.command` event.
 */
export type ShellCommand =
  | { kind: 'new-machine' }
  | { kind: 'import' }
  | { kind: 'about' }
  | { kind: 'refresh' }
  | { kind: 'open-machine'; name: string }
  | { kind: 'machine'; name: string; action: MachineMenuAction }
  | { kind: 'copy-env'; name: string }
  | { kind: 'show' }
  | { kind: 'quit' }
  | { kind: 'open-docs' }
  | { kind: 'open-log-folder' }
  | { kind: 'set-theme'; theme: Theme }
  | { kind: 'set-keep-in-tray'; on: boolean }
  | { kind: 'set-start-at-login'; on: boolean };

export type MachineMenuAction = LifecycleAction | 'env' | 'remove';
export type Theme = 'system' | 'light' | 'dark';

/** A menu item as Electron's MenuItemConstructorOptions describes it, with a command instead of a click handler. */
export interface MenuItemSpec {
  label?: string;
  role?: string;
  type?: 'normal' | 'separator' | 'checkbox' | 'radio';
  accelerator?: string;
  enabled?: boolean;
  checked?: boolean;
  /** Why it is disabled (shown on macOS). */
  toolTip?: string;
  command?: ShellCommand;
  submenu?: MenuItemSpec[];
}

export const SEPARATOR: MenuItemSpec = { type: 'separator' };

/** The shell's own preferences (kept in Electron's userData, not the store: they are this computer's). */
export interface ShellSettings {
  keepInTray: boolean;
  /** null where the OS offers no login items (Linux without a desktop's autostart support in Electron). */
  startAtLogin: boolean | null;
  theme: Theme;
}

/** macOS keeps apps running in the menu bar when their window closes; Linux and Windows users expect closing to quit. */
export function defaultShellSettings(platform: NodeJS.Platform): ShellSettings {
  return { keepInTray: platform === 'darwin', startAtLogin: platform === 'linux' ? null : false, theme: 'system' };
}

/** A machine as the menu and tray show it. */
export interface ShellMachine {
  name: string;
  state: string;
  capabilities: Capabilities;
}

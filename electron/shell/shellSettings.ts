import { defaultShellSettings, type ShellSettings } from './shellCommands';

/** The shell's preferences file, checked field by field: anything missing or wrong is the platform's default. */
export function parseShellSettings(text: string | null, platform: NodeJS.Platform): ShellSettings {
  const defaults = defaultShellSettings(platform);
  let data: Partial<Record<keyof ShellSettings, unknown>> = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (typeof parsed === 'object' && parsed !== null) data = parsed;
  } catch {
    // A damaged file: the defaults, and it is written anew at the next change.
  }
  return {
    keepInTray: typeof data.keepInTray === 'boolean' ? data.keepInTray : defaults.keepInTray,
    // Where the OS has no login items, never on, whatever the file says.
    startAtLogin: defaults.startAtLogin === null ? null : typeof data.startAtLogin === 'boolean' ? data.startAtLogin : defaults.startAtLogin,
    // The theme is the Settings page's (the store's berth-settings.json); a theme an older Berth wrote here is not read.
    theme: defaults.theme,
  };
}

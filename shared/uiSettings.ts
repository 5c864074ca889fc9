import { z } from 'zod';
import { ENV_SHELLS } from './types';

/**
 * The preferences of the Settings page, in `berth-settings.json` beside docker-machine's data. Each
 * field falls back to its default on its own when damaged or missing (a hand-edited file never
 * costs the others), and keys this version does not know are kept when the file is written.
 */
export const uiSettingsSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
  /** CSS font-family for terminals; '' is Berth's monospace stack. */
  terminalFontFamily: z.string().max(200).catch(''),
  terminalFontSize: z.number().int().min(8).max(32).catch(13),
  /** Selecting text in a terminal copies it (as many Linux terminals do). */
  copyOnSelect: z.boolean().catch(false),
  /** Ctrl/Cmd+F in a terminal opens Find, or goes to the shell (readline's forward-char). */
  findKey: z.enum(['find', 'shell']).catch('find'),
  /** The shell the env dialog starts with: the last one chosen there. */
  envShell: z.enum(ENV_SHELLS).catch('bash'),
  /** How often the list asks every machine again. */
  refreshSeconds: z.number().int().min(5).max(3600).catch(10),
  /** A toast (and an OS notification when the page is hidden) when a task ends. */
  notifications: z.boolean().catch(true),
  /** After a VM's first provisioning, keep its disk as a Docker-ready base for the next VMs of the same image. */
  keepDockerBases: z.boolean().catch(true),
  /** A base older than this is not used (its packages would be that old). */
  baseMaxAgeDays: z.number().int().min(1).max(365).catch(30),
});
export type UiSettings = z.infer<typeof uiSettingsSchema>;
export const UI_DEFAULTS: UiSettings = uiSettingsSchema.parse({});

/** A change from the Settings page: any subset, each value checked (no fallback: a wrong value is refused). */
export const uiSettingsChange = z
  .object({
    theme: z.enum(['system', 'light', 'dark']),
    terminalFontFamily: z.string().max(200).regex(/^[^;{}<>]*$/, 'a font name or list, without ; { } < >'),
    terminalFontSize: z.number().int().min(8).max(32),
    copyOnSelect: z.boolean(),
    findKey: z.enum(['find', 'shell']),
    envShell: z.enum(ENV_SHELLS),
    refreshSeconds: z.number().int().min(5).max(3600),
    notifications: z.boolean(),
    keepDockerBases: z.boolean(),
    baseMaxAgeDays: z.number().int().min(1).max(365),
  })
  .partial()
  .strict();

/** The settings as read from the file's JSON (anything: a missing file is {}). */
export function readUiSettings(raw: unknown): UiSettings {
  return uiSettingsSchema.parse(raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {});
}

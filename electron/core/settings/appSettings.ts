import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UiSettings } from '../../../shared/uiSettings';
import { writeFileAtomic } from '../store/atomicWrite';
import { withStoreLock } from '../store/storeLock';

/** Berth's own preferences, kept beside docker-machine's data in the store (docker-machine ignores the file). */
export interface AppSettings {
  chosenActive: string | null;
  /** The folder with qemu-system-* and qemu-img, when they are not on PATH. */
  qemuDir: string | null;
}

const DEFAULTS: AppSettings = { chosenActive: null, qemuDir: null };

export function settingsPath(storePath: string): string {
  return join(storePath, 'berth-settings.json');
}

export async function readSettings(storePath: string): Promise<AppSettings> {
  try {
    const data = JSON.parse(await readFile(settingsPath(storePath), 'utf8')) as Partial<AppSettings>;
    const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
    return { chosenActive: text(data.chosenActive), qemuDir: text(data.qemuDir) };
  } catch {
    // A missing or damaged settings file must never stop the app: fall back to defaults.
    return { ...DEFAULTS };
  }
}

/** The Settings page's preferences, each damaged field at its default. */
export async function readUi(storePath: string): Promise<UiSettings> {
  // Loaded here: its schema needs zod, which `berth url`/`env` (they read only chosenActive) should not load.
  const { readUiSettings } = await import('../../../shared/uiSettings');
  return readUiSettings(await readFile(settingsPath(storePath), 'utf8').then((t) => JSON.parse(t) as unknown, () => ({})));
}

/**
 * Changes some settings and keeps the rest, under the store lock: the app and a `berth` command
 * changing different settings at once must both be kept. Keys this version does not know stay.
 */
export async function updateSettings(storePath: string, change: Partial<AppSettings & UiSettings>): Promise<void> {
  const file = settingsPath(storePath);
  await withStoreLock(file, async () => {
    let raw: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
    } catch {
      // Missing or damaged: start from the defaults.
    }
    await writeFileAtomic(file, JSON.stringify({ ...DEFAULTS, ...raw, ...change }, null, 2) + '\n', 0o600);
  });
}

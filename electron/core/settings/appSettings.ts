import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomicWrite';

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

export async function writeSettings(storePath: string, settings: AppSettings): Promise<void> {
  await writeFileAtomic(settingsPath(storePath), JSON.stringify(settings, null, 2) + '\n', 0o600);
}

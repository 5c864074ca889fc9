import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Our temp files: `.<name>.<12 hex>.tmp` beside the file they become. */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * Writes `data` so that readers see either the old file or the new one, never a torn write, even
 * after a power cut: temp file in the same directory, fsync, rename, fsync of the directory (the
 * rename itself must reach the disk). docker-machine also writes through a temp file and rename.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.chmod(mode); // the umask may have narrowed or widened what open() asked for
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  // Directories cannot be opened for syncing on Windows; there the rename is all we can do.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Removes temp files that writers killed half way left in `dirs` (not recursive). Only files older
 * than `minAgeMs`: a live writer in another process may be between its write and its rename.
 */
export async function removeStaleTempFiles(dirs: string[], minAgeMs = 60_000, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => TEMP_NAME.test(n))) {
      const file = join(dir, name);
      const st = await stat(file).catch(() => null);
      if (st?.isFile() && now - st.mtimeMs >= minAgeMs) {
        await rm(file, { force: true });
        removed.push(file);
      }
    }
  }
  return removed;
}

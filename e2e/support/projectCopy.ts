import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A copy of this project as a fresh `npm install` leaves it: no Electron binary (no
 * node_modules/electron/dist or path.txt). `bin/` and the electron package are real copies, so the
 * launcher works on the copy's paths; everything else is linked to this checkout (already built).
 */
export async function projectWithoutElectron(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-project-'));
  for (const entry of await readdir(ROOT)) {
    if (entry === 'node_modules' || entry === 'bin' || entry === '.git') continue;
    await symlink(join(ROOT, entry), join(dir, entry));
  }
  await cp(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  await mkdir(join(dir, 'node_modules'));
  for (const entry of await readdir(join(ROOT, 'node_modules'))) {
    if (entry !== 'electron') await symlink(join(ROOT, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  const electron = join(dir, 'node_modules', 'electron');
  await cp(join(ROOT, 'node_modules', 'electron'), electron, { recursive: true });
  await rm(join(electron, 'dist'), { recursive: true, force: true });
  await rm(join(electron, 'path.txt'), { force: true });
  return dir;
}

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';

/** docker-machine's store location: $MACHINE_STORAGE_PATH, else ~/.docker/machine. */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const fromEnv = env.MACHINE_STORAGE_PATH;
  return fromEnv && fromEnv.length > 0 ? resolve(fromEnv) : join(home, '.docker', 'machine');
}

/**
 * A store can be moved (docker-machine records absolute paths): a recorded path under the recorded
 * store root that no longer exists is re-rooted under the store's real location.
 */
export function rebaseStorePath(
  recorded: string,
  recordedRoot: string | undefined,
  actualRoot: string,
  exists: (p: string) => boolean = existsSync,
): string {
  if (!recorded || exists(recorded) || !recordedRoot || !isAbsolute(recordedRoot)) return recorded;
  const rel = relative(recordedRoot, recorded);
  if (rel.startsWith('..') || isAbsolute(rel)) return recorded;
  return join(actualRoot, rel);
}

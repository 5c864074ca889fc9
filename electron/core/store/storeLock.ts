import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BerthError } from '../errors';
import { processAlive } from '../util/processAlive';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockOptions {
  /** How often a waiter looks again; short for quick store updates, longer for downloads. */
  pollMs?: number;
  /** Told once, with the holder's pid, when the lock is held by another live process. */
  onWait?: (holder: number) => void;
  signal?: AbortSignal;
}

/**
 * Runs `work` holding `<path>.lock`, a file with the holder's pid, created exclusively. The store is
 * shared by processes that know nothing of each other (the app, several `berth` commands, CI jobs),
 * so every read-modify-write of a store file and every check-then-create (the CA) goes through
 * here. Waiters poll; a lock whose holder died (or that never got a pid) is taken over. Within one
 * process callers wait too (the pid is their own, which is alive), so it serialises both.
 */
export async function withStoreLock<T>(path: string, work: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const lock = `${path}.lock`;
  const pollMs = opts.pollMs ?? 20;
  let told = false;
  let emptyLooks = 0;
  for (;;) {
    const handle = await open(lock, 'wx', 0o600).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return null;
      // The file's folder does not exist yet (a new store): make it, as the write would, and try again.
      if (err.code === 'ENOENT') {
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        return 'again' as const;
      }
      throw new BerthError('STORE_ERROR', `Cannot lock ${path}: ${err.code ?? err.message}`);
    });
    if (handle === 'again') continue;
    if (handle) {
      try {
        await handle.writeFile(String(process.pid));
        await handle.close();
        return await work();
      } finally {
        await rm(lock, { force: true });
      }
    }
    if (opts.signal?.aborted) throw new BerthError('CANCELLED', `Cancelled while waiting for ${lock}`);
    const holder = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
    if (holder > 0 && processAlive(holder)) {
      if (!told && holder !== process.pid) opts.onWait?.(holder);
      told = true;
      await sleep(pollMs);
    } else if (holder > 0 || ++emptyLooks > 40) {
      // Its holder died, or nobody ever wrote a pid into it: take it over.
      await rm(lock, { force: true });
    } else {
      // Just made by another process, which writes its pid next.
      await sleep(10);
    }
  }
}

import { open, readFile, rm } from 'node:fs/promises';
import { BerthError } from '../errors';
import { processAlive } from '../util/processAlive';

const POLL_MS = 500;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `work` holding `<dest>.lock`, so two processes sharing a store (the app and the CLI) never
 * write the same download at once. Whoever finds the lock held by a live process waits until it is
 * released, then asks `done()` whether the other one's result serves; a lock left by a process that
 * died is taken over.
 */
export async function withDownloadLock<T>(
  dest: string,
  done: () => Promise<T | null>,
  work: () => Promise<T>,
  opts: { log(text: string): void; signal?: AbortSignal },
): Promise<T> {
  const lock = `${dest}.lock`;
  let told = false;
  let emptyLooks = 0;
  for (;;) {
    const handle = await open(lock, 'wx', 0o600).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return null;
      throw err;
    });
    if (handle) {
      try {
        await handle.writeFile(String(process.pid));
        await handle.close();
        return (await done()) ?? (await work());
      } finally {
        await rm(lock, { force: true });
      }
    }
    if (opts.signal?.aborted) throw new BerthError('CANCELLED', `Cancelled while waiting for another download of ${dest}`);
    const holder = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
    if (holder > 0 && processAlive(holder)) {
      if (!told) opts.log(`Waiting for Berth process ${holder}, which is downloading the same image\n`);
      told = true;
      await sleep(POLL_MS);
    } else if (holder > 0 || ++emptyLooks > 20) {
      // Its holder died, or nobody ever wrote a pid into it: take it over.
      await rm(lock, { force: true });
    } else {
      // Just made by another process, which writes its pid next.
      await sleep(50);
    }
  }
}

import { withStoreLock } from '../store/storeLock';

/**
 * Runs `work` holding `<dest>.lock`, so two processes sharing a store (the app and the CLI) never
 * write the same download at once. Whoever waited asks `done()` first whether the other one's
 * result serves.
 */
export function withDownloadLock<T>(
  dest: string,
  done: () => Promise<T | null>,
  work: () => Promise<T>,
  opts: { log(text: string): void; signal?: AbortSignal },
): Promise<T> {
  return withStoreLock(dest, async () => (await done()) ?? (await work()), {
    pollMs: 500,
    signal: opts.signal,
    onWait: (holder) => opts.log(`Waiting for Berth process ${holder}, which is downloading the same image\n`),
  });
}

/**
 * Runs keyed tasks with at most `max` at once, the rest in arrival order; a key already running or
 * waiting is not added again — unless asked `again`: then it runs once more after the running one
 * (a refresh after a change must not be answered by a probe that started before it). (Hundreds of
 * machine probes at once starve each other's TLS handshakes past their timeout; a few dozen at a
 * time all answer.)
 */
export function keyedLimiter(max: number): { run(key: string, task: () => Promise<void>, again?: boolean): void; has(key: string): boolean } {
  const running = new Set<string>();
  const waiting = new Map<string, () => Promise<void>>();
  const rerun = new Map<string, () => Promise<void>>();
  const start = (key: string, task: () => Promise<void>): void => {
    running.add(key);
    void task()
      .catch(() => undefined)
      .finally(() => {
        running.delete(key);
        const more = rerun.get(key);
        rerun.delete(key);
        if (more) waiting.set(key, more);
        const next = waiting.entries().next();
        if (!next.done) {
          waiting.delete(next.value[0]);
          start(...next.value);
        }
      });
  };
  return {
    run(key, task, again = false) {
      if (running.has(key) && again) rerun.set(key, task);
      if (running.has(key) || waiting.has(key)) return;
      if (running.size < max) start(key, task);
      else waiting.set(key, task);
    },
    has: (key) => running.has(key) || waiting.has(key),
  };
}

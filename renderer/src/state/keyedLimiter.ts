/**
 * Runs keyed tasks with at most `max` at once, the rest in arrival order; a key already running or
 * waiting is not added again. (Hundreds of machine probes at once starve each other's TLS
 * handshakes past their timeout; a few dozen at a time all answer.)
 */
export function keyedLimiter(max: number): { run(key: string, task: () => Promise<void>): void; has(key: string): boolean } {
  const running = new Set<string>();
  const waiting = new Map<string, () => Promise<void>>();
  const start = (key: string, task: () => Promise<void>): void => {
    running.add(key);
    void task()
      .catch(() => undefined)
      .finally(() => {
        running.delete(key);
        const next = waiting.entries().next();
        if (!next.done) {
          waiting.delete(next.value[0]);
          start(...next.value);
        }
      });
  };
  return {
    run(key, task) {
      if (running.has(key) || waiting.has(key)) return;
      if (running.size < max) start(key, task);
      else waiting.set(key, task);
    },
    has: (key) => running.has(key) || waiting.has(key),
  };
}

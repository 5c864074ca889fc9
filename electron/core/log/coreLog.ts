import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { maskText } from '../format/maskSecrets';

/**
 * The core's log file: what went wrong inside (INTERNAL errors with their stack), how actions ended,
 * and refused IPC senders, for a user to attach to a bug report. Every line is masked; the file is
 * capped at `maxBytes` and rotated (`core.log.1` … `.keep`). Appends are synchronous: a line is
 * short and rare, and a crash must not lose the line that explains it.
 */
export interface CoreLog {
  readonly file: string;
  write(level: 'info' | 'warn' | 'error', message: string): void;
}

export function logFileIn(storePath: string): string {
  return join(storePath, 'berth-logs', 'core.log');
}

export function createCoreLog(file: string, opts: { maxBytes?: number; keep?: number; now?: () => Date } = {}): CoreLog {
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const keep = opts.keep ?? 3;
  const now = opts.now ?? (() => new Date());
  const rotate = (): void => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // That generation does not exist yet.
      }
    }
    renameSync(file, `${file}.1`);
  };
  return {
    file,
    write(level, message) {
      const line = `${now().toISOString()} ${level} ${maskText(message).replace(/\n/g, '\n    ')}\n`;
      try {
        mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
        const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
        if (size > 0 && size + line.length > maxBytes) rotate();
        appendFileSync(file, line, { mode: 0o600 });
      } catch {
        // A log that cannot be written must never break what it reports on.
      }
    },
  };
}

import type { ErrorCode, IpcError } from '../../shared/ipc';

/** An error meant for the user: a stable code plus a message that names the machine and the step. */
export class BerthError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BerthError';
  }
}

export function toIpcError(err: unknown): IpcError {
  if (err instanceof BerthError) return { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}

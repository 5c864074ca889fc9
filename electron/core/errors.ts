import { maskText } from './format/maskSecrets';
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

/** An error as it leaves the core, its message masked (an error may quote a URL or a command line). */
export function toIpcError(err: unknown): IpcError {
  if (err instanceof BerthError) return { code: err.code, message: maskText(err.message) };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: maskText(message) };
}

/*
 * docker-machine's own words where callers match on them (GitLab Runner, scripts): its
 * mcnerror texts, with Berth's command name in the advice. %q in Go is a JSON string here.
 */
export const machineMissing = (name: string): string =>
  `Docker machine ${JSON.stringify(name)} does not exist. Use "berth ls" to list machines. Use "berth create" to add a new one.`;
export const machineTaken = (name: string): string => `Docker machine ${JSON.stringify(name)} already exists`;
/** docker-machine's drivers.ErrHostIsNotRunning. */
export const HOST_NOT_RUNNING = 'Host is not running';

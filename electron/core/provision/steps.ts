import type { ProgressEvent } from '../../../shared/types';
import { BerthError } from '../errors';

export type Step = <T>(name: string, fn: () => Promise<T | 'skipped'>) => Promise<T | 'skipped'>;

/**
 * Runs a long action's named steps: each reports running/done/skipped/failed with its time, a
 * cancel is honoured before each, and a failure names the machine and the step.
 */
export function stepper(machine: string, steps: readonly string[], onProgress: (e: ProgressEvent) => void, signal?: AbortSignal): Step {
  onProgress({ machine, kind: 'steps', steps: [...steps] });
  return async (name, fn) => {
    if (signal?.aborted) throw new BerthError('CANCELLED', `Machine "${machine}": cancelled before "${name}"`);
    const started = Date.now();
    onProgress({ machine, kind: 'step', step: name, state: 'running', elapsedMs: 0 });
    try {
      const result = await fn();
      onProgress({ machine, kind: 'step', step: name, state: result === 'skipped' ? 'skipped' : 'done', elapsedMs: Date.now() - started });
      return result;
    } catch (err) {
      const message = (err as Error).message;
      onProgress({ machine, kind: 'step', step: name, state: 'failed', elapsedMs: Date.now() - started, detail: message });
      const code = err instanceof BerthError && err.code !== 'INTERNAL' ? err.code : 'PROVISION_FAILED';
      throw new BerthError(code, `Machine "${machine}", step "${name}": ${message}`);
    }
  };
}

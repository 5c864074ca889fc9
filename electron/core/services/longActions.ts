import { BerthError } from '../errors';

/** One long action (create, provision) per machine at a time, each cancellable. */
export class LongActions {
  private readonly running = new Map<string, AbortController>();

  async run<T>(machine: string, action: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.running.has(machine)) {
      throw new BerthError('UNSUPPORTED', `Machine "${machine}" is busy with another action; wait for it or cancel it`);
    }
    const controller = new AbortController();
    this.running.set(machine, controller);
    try {
      return await action(controller.signal);
    } finally {
      this.running.delete(machine);
    }
  }

  /** Asks the action to stop at its next safe point (between steps). */
  cancel(machine: string): boolean {
    const controller = this.running.get(machine);
    controller?.abort();
    return controller !== undefined;
  }
}

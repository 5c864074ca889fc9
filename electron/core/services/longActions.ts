import { BerthError } from '../errors';

/**
 * A lock per machine: long actions (create, provision, restart, upgrade…) on one machine run one
 * after the other, in the order asked; actions on different machines run in parallel. Each can be
 * cancelled, running or still waiting.
 */
export class LongActions {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly pending = new Map<string, Set<AbortController>>();

  run<T>(machine: string, action: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const mine = this.pending.get(machine) ?? new Set();
    mine.add(controller);
    this.pending.set(machine, mine);
    const previous = this.tails.get(machine) ?? Promise.resolve();
    const result = previous.then(() => {
      if (controller.signal.aborted) throw new BerthError('CANCELLED', `Machine "${machine}": cancelled before it started`);
      return action(controller.signal);
    });
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(machine, tail);
    void tail.then(() => {
      mine.delete(controller);
      if (this.tails.get(machine) === tail) {
        this.tails.delete(machine);
        this.pending.delete(machine);
      }
    });
    return result;
  }

  /** Asks the running action to stop at its next safe point and drops the waiting ones. */
  cancel(machine: string): boolean {
    const controllers = this.pending.get(machine);
    controllers?.forEach((c) => c.abort());
    return (controllers?.size ?? 0) > 0;
  }
}

/** What a cancel needs of an SSH connection: end the commands it runs on the host, then close. */
export interface CancellableSsh {
  close(): void;
  trackRemote?: boolean;
  stopRemote?(): Promise<void>;
}

/**
 * A long action's `onConnected`: when it is cancelled, the commands its SSH connections run on the
 * host are ended (their session is signalled) and the connections close, so the action ends at once
 * instead of at its step's end and nothing keeps running there (the action then reports where it was).
 */
export function closingOnAbort(signal: AbortSignal): (ssh: CancellableSsh) => void {
  return (ssh) => {
    if (signal.aborted) return ssh.close();
    ssh.trackRemote = true;
    signal.addEventListener(
      'abort',
      () => {
        const stopping = ssh.stopRemote?.();
        if (stopping) void stopping.finally(() => ssh.close());
        else ssh.close();
      },
      { once: true },
    );
  };
}

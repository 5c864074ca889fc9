import { formatTransfer } from '../../shared/formatTransfer';
import type { ProgressEvent } from '../../shared/types';
import { maskText } from '../core/format/maskSecrets';
import type { LongActionHooks } from '../core/services/provisioning';
import { closingOnAbort } from '../core/services/longActions';
import type { CommandContext } from './commands';

/**
 * Ctrl+C during a long command cancels it as the GUI's Cancel does: the action's signal is aborted
 * and its SSH connections closed (a remote command ends with its channel), so it ends at once as
 * Cancelled at its step and the machine is left as an Error row that provisioning again resumes.
 * A second Ctrl+C leaves without waiting.
 */
let cancellation: Pick<LongActionHooks, 'signal' | 'onConnected'> | null = null;
function cancelOnInterrupt(): Pick<LongActionHooks, 'signal' | 'onConnected'> {
  return (cancellation ??= interruptible());
}

/** One per command run, shared by the machines it acts on. */
function interruptible(): Pick<LongActionHooks, 'signal' | 'onConnected'> {
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('Cancelling (Ctrl+C again to quit at once)…\n');
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  return { signal: controller.signal, onConnected: closingOnAbort(controller.signal) };
}

/**
 * Prints steps as they run, docker-machine style, and how each ended with its time (a download
 * every tenth of the way); the remote log only with --debug (to stderr).
 */
export function printer(ctx: CommandContext): LongActionHooks {
  const { debug } = ctx;
  const cancel = cancelOnInterrupt();
  let steps: string[] = [];
  let tenth = -1;
  return {
    ...cancel,
    onProgress(e: ProgressEvent) {
      if (e.kind === 'steps') steps = e.steps;
      else if (e.kind === 'log') {
        if (debug) process.stderr.write(maskText(e.text));
      } else if (e.kind === 'transfer') {
        const now = e.total ? Math.floor((e.done / e.total) * 10) : -1;
        if (now > tenth) ctx.out(`(${e.machine}) ${formatTransfer(e.done, e.total)}\n`);
        tenth = Math.max(tenth, now);
      } else if (e.state === 'running') ctx.out(`(${e.machine}) [${steps.indexOf(e.step) + 1}/${steps.length}] ${e.step}...\n`);
      // Every step's outcome with its time, on a line of its own (machines run in parallel share stdout).
      else ctx.out(`(${e.machine}) ${e.step}: ${e.state} in ${(e.elapsedMs / 1000).toFixed(1)} s\n`);
    },
  };
}

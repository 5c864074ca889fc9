import type { MachineState } from '../../../shared/types';

/** How often a reachable machine is probed again (Settings' list refresh interval; this is its default). */
export const POLL_MS = 10_000;
/** The longest a machine that keeps failing waits between probes. */
export const MAX_BACKOFF_MS = 60_000;

const UNREACHABLE: MachineState[] = ['Timeout', 'Stopped', 'Error', 'Unknown'];

export function isUnreachable(state: MachineState | null): boolean {
  return state === null || UNREACHABLE.includes(state);
}

/** A running machine whose Docker did not answer in time (restarting, a busy VM) is asked again this soon. */
export const DOCKER_RETRY_MS = 2000;

/**
 * The wait before the next probe: steady for a healthy machine, soon again for a running one whose
 * Docker was silent (the first look after a create or restart often lands on it), doubling (to a
 * cap) while a machine stays unreachable.
 */
export function nextProbeDelay(consecutiveFailures: number, dockerSilent = false, pollMs = POLL_MS): number {
  if (dockerSilent) return Math.min(DOCKER_RETRY_MS * 2 ** Math.max(0, consecutiveFailures - 1), MAX_BACKOFF_MS);
  if (consecutiveFailures <= 0) return pollMs;
  return Math.min(pollMs * 2 ** consecutiveFailures, Math.max(MAX_BACKOFF_MS, pollMs));
}

/** Why what needs the host cannot work now ("web-1 is Stopped: SSH port … refused"), or null while it runs. */
export function notAnswering(name: string, status: { state: MachineState; detail?: string | null } | null): string | null {
  if (!status || status.state === 'Running') return null;
  return `${name} is ${status.state}${status.detail ? `: ${status.detail}` : ''}`;
}

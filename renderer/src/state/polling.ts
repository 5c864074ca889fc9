import type { MachineState } from '../../../shared/types';

/** How often a reachable machine is probed again. */
export const POLL_MS = 10_000;
/** The longest a machine that keeps failing waits between probes. */
export const MAX_BACKOFF_MS = 60_000;

const UNREACHABLE: MachineState[] = ['Timeout', 'Stopped', 'Error', 'Unknown'];

export function isUnreachable(state: MachineState | null): boolean {
  return state === null || UNREACHABLE.includes(state);
}

/** The wait before the next probe: steady for a healthy machine, doubling (to a cap) while it stays unreachable. */
export function nextProbeDelay(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return POLL_MS;
  return Math.min(POLL_MS * 2 ** consecutiveFailures, MAX_BACKOFF_MS);
}

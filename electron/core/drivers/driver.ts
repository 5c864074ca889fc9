import type { MachineState } from '../../../shared/types';
import type { MachineRecord } from '../store/machineStore';

/** What a driver can do to its machines; the UI offers only these. */
export interface DriverCapabilities {
  start: boolean;
  stop: boolean;
  restart: boolean;
  kill: boolean;
}

export interface DriverState {
  state: MachineState;
  /** Shown in the ERRORS column (docker-machine leaves it empty for a stopped host). */
  error: string | null;
  /** Why the driver decided on this state, for the UI's tooltip. */
  detail: string | null;
}

export interface Driver {
  readonly name: string;
  readonly capabilities: DriverCapabilities;
  ip(record: MachineRecord): string | null;
  /** The Docker URL from the record alone (no network). */
  url(record: MachineRecord): string | null;
  state(record: MachineRecord, timeoutMs: number): Promise<DriverState>;
}

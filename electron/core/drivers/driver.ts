import type { Capabilities, MachineState, ProgressEvent } from '../../../shared/types';
import type { Step } from '../provision/steps';
import type { MachineRecord } from '../store/machineStore';

export interface DriverState {
  state: MachineState;
  /** Shown in the ERRORS column (docker-machine leaves it empty for a stopped host). */
  error: string | null;
  /** Why the driver decided on this state, for the UI's tooltip. */
  detail: string | null;
}

export interface LifecycleContext {
  onProgress(event: ProgressEvent): void;
  signal?: AbortSignal;
  sudoPassword?: string;
}

export interface Driver {
  readonly name: string;
  /** What the driver can do, and why not where it cannot; the UI and CLI offer only what it can. */
  readonly capabilities: Capabilities;
  ip(record: MachineRecord): string | null;
  /** The Docker URL from the record alone (no network). */
  url(record: MachineRecord): string | null;
  state(record: MachineRecord, timeoutMs: number): Promise<DriverState>;
  /** Present where `capabilities` says so. */
  start?(record: MachineRecord, ctx: LifecycleContext): Promise<void>;
  stop?(record: MachineRecord, ctx: LifecycleContext): Promise<void>;
  restart?(record: MachineRecord, ctx: LifecycleContext): Promise<void>;
  kill?(record: MachineRecord, ctx: LifecycleContext): Promise<void>;
  /**
   * A machine Berth runs itself (a VM) is brought up to SSH before it is provisioned: a create does
   * all of these steps, a Retry after a failed create only those not done yet.
   */
  bringUp?: {
    readonly steps: readonly string[];
    /** False when the machine already answers SSH, so provisioning goes straight on. */
    needed(record: MachineRecord): Promise<boolean>;
    run(record: MachineRecord, ctx: LifecycleContext, step: Step): Promise<void>;
  };
  /** What must go before the record does (a VM's process); a generic host has nothing. */
  beforeRemove?(record: MachineRecord): Promise<void>;
}

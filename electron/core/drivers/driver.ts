import type { Capabilities, MachineFact, MachineState, ProgressEvent } from '../../../shared/types';
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

/** A machine's log lines during an action (its task log, the CLI's -D). */
export const actionLog = (record: MachineRecord, ctx: Pick<LifecycleContext, 'onProgress'>) => (text: string): void => ctx.onProgress({ machine: record.name, kind: 'log', text });

/**
 * A machine kind, end to end: one folder under drivers/ holds it (its record codec, how a new record
 * is made from its create request, what its page shows, its lifecycle). Services that work for every
 * kind (provisioning, new-machine set-up, removal, status) ask it through this interface and never
 * read its fields by name.
 */
export interface Driver {
  readonly name: string;
  /** What the driver can do, and why not where it cannot; the UI and CLI offer only what it can. */
  readonly capabilities: Capabilities;
  /** What this record in particular cannot do, on top of `capabilities` (a docker-machine boot2docker VM is not provisioned). */
  recordCapabilities?(record: MachineRecord): Partial<Capabilities>;
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
  /**
   * Steps after the machine's first successful provisioning, in the same list (a VM keeps its disk as
   * a Docker-ready base). Pending until they ran once; what they change in the record's driver
   * fields is saved, whatever their outcome.
   */
  afterFirstProvision?: {
    readonly steps: readonly string[];
    pending(record: MachineRecord): boolean;
    run(record: MachineRecord, ctx: LifecycleContext, step: Step, dockerVersion: string | null): Promise<void>;
  };
  /**
   * Where the machine's disk got its Docker Engine from (a Docker-ready base), or null: provisioning
   * keeps that Engine instead of installing one (an upgrade still upgrades it).
   */
  engineFromDisk?(record: MachineRecord): string | null;
  /** What Remove does to the machine itself, in a sentence for the Remove dialog (the record always goes). */
  readonly removal: string;
  /** What must go before the record does (a VM's process); a generic host has nothing. */
  beforeRemove?(record: MachineRecord): Promise<void>;
  /** What the machine's page shows of its record (no network). */
  describe?(record: MachineRecord): MachineFact[];
  /** The serial console log the driver keeps, if any (the Logs tab). */
  consoleLog?(record: MachineRecord): string;
  /** Files in the store's cache the machine's disk is made on (never removed while it exists). */
  cacheFiles?(record: MachineRecord): string[];
  /** Loopback ports the machine forwards, running or not (a new VM must pick others). */
  loopbackPorts?(record: MachineRecord): number[];
}

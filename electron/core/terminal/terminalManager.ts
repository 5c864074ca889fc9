import { randomBytes } from 'node:crypto';
import type { TerminalKind, TerminalOpened } from '../../../shared/types';
import type { Caller } from '../core';
import { BerthError } from '../errors';
import type { MachineService } from '../services/machineService';
import { openLocalShell } from './localShell';
import { DEFAULT_PUMP, OutputPump, type PumpOptions } from './outputPump';
import { openSshTerminal } from './sshTerminal';
import { capable } from '../services/capable';
import type { TerminalSource } from './terminalSource';

/** Terminals one connection may hold open. */
export const MAX_TERMINALS = 32;

interface Terminal {
  owner: string;
  source: TerminalSource;
  pump: OutputPump;
}

export interface OpenRequest {
  kind: TerminalKind;
  machine: string;
  cols: number;
  rows: number;
  acceptHostKey?: string;
}

/**
 * Every open terminal, each owned by the connection that opened it: only its owner may type into
 * it or read it, and a closed connection (a closed window, a reloaded page) closes its terminals.
 */
export class TerminalManager {
  private readonly terminals = new Map<string, Terminal>();
  /** Opens still starting, per owner, so concurrent opens cannot pass the cap together. */
  private readonly opening = new Map<string, number>();

  constructor(
    private readonly machines: MachineService,
    private readonly env: NodeJS.ProcessEnv,
    private readonly pumpOptions: PumpOptions = DEFAULT_PUMP,
  ) {}

  async open(caller: Caller, req: OpenRequest): Promise<TerminalOpened> {
    const opening = this.opening.get(caller.id) ?? 0;
    const mine = [...this.terminals.values()].filter((t) => t.owner === caller.id).length + opening;
    if (mine >= MAX_TERMINALS) throw new BerthError('BUSY', `This window has ${MAX_TERMINALS} terminals open: close one first.`);
    const size = { cols: req.cols, rows: req.rows };
    this.opening.set(caller.id, opening + 1);
    let source: TerminalSource;
    try {
      source =
        req.kind === 'ssh'
          ? await openSshTerminal(await capable(this.machines, req.machine, 'ssh'), size, req.acceptHostKey)
          : await openLocalShell(this.env, await this.machines.envVars(req.machine), size);
    } finally {
      const left = (this.opening.get(caller.id) ?? 1) - 1;
      if (left > 0) this.opening.set(caller.id, left);
      else this.opening.delete(caller.id);
    }
    // The connection went away while the shell was starting: its cleanup has run, so nobody else would close it.
    if (caller.closed) {
      source.close();
      throw new BerthError('CANCELLED', 'The window closed while its terminal was opening.');
    }
    const id = randomBytes(16).toString('hex');
    const pump = new OutputPump((data) => caller.emit('terminal.data', { id, data }), source, this.pumpOptions);
    this.terminals.set(id, { owner: caller.id, source, pump });
    source.onData((chunk) => pump.push(chunk));
    source.onEnd((end) => {
      pump.close();
      this.terminals.delete(id);
      caller.emit('terminal.exit', { id, ...end });
    });
    return { id, title: source.title };
  }

  private mine(caller: Caller, id: string): Terminal {
    const t = this.terminals.get(id);
    if (!t || t.owner !== caller.id) throw new BerthError('NOT_FOUND', `No open terminal ${id.slice(0, 8)}… (it was closed, or belongs to another window)`);
    return t;
  }

  input(caller: Caller, id: string, data: string): void {
    this.mine(caller, id).source.write(data);
  }

  resize(caller: Caller, id: string, cols: number, rows: number): void {
    this.mine(caller, id).source.resize(cols, rows);
  }

  ack(caller: Caller, id: string, chars: number): void {
    // A late ack for a terminal that just ended is harmless.
    const t = this.terminals.get(id);
    if (t?.owner === caller.id) t.pump.ack(chars);
  }

  close(caller: Caller, id: string): void {
    this.mine(caller, id).source.close();
  }

  closeAllOf(owner: string): void {
    for (const t of [...this.terminals.values()]) if (t.owner === owner) t.source.close();
  }

  closeAll(): void {
    for (const t of [...this.terminals.values()]) t.source.close();
  }

  /** How many terminals are open (for tests: nothing leaks). */
  get size(): number {
    return this.terminals.size;
  }
}

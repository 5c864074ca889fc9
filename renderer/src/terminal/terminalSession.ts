import type { Events } from '../../../shared/ipc';
import type { TerminalKind } from '../../../shared/types';
import type { TabStatus } from '../state/terminalsStore';
import type { TerminalSink } from './terminalBus';
import { inputChunks } from './inputChunks';

export type SessionStatus = TabStatus;

/** What the session needs of the core (the IPC client and the output bus), so tests give their own. */
export interface SessionCore {
  open(req: { kind: TerminalKind; machine: string; cols: number; rows: number; acceptHostKey?: string }): Promise<{ id: string; title: string }>;
  input(id: string, data: string): void;
  resize(id: string, cols: number, rows: number): void;
  ack(id: string, chars: number): void;
  close(id: string): void;
  attach(id: string, sink: TerminalSink): () => void;
}

/** What the session tells its frontend (xterm.js and the tab). */
export interface SessionView {
  /** Draws output; `drawn` is called once it is on screen (the core's flow control waits for it). */
  write(data: string, drawn: () => void): void;
  status(status: SessionStatus, detail: { title?: string; message?: string }): void;
}

/**
 * One terminal tab's connection to its shell, apart from how it is drawn: opens (and reopens) the
 * core's terminal, keeps what is typed before the shell is there and sends it once it is, hands
 * output to the view and acknowledges it when drawn, reports how it ended, and closes what it
 * opened — also a terminal whose open answered after the tab stopped wanting it.
 */
export class TerminalSession {
  private id: string | null = null;
  private typedEarly = '';
  private attempt = 0;
  private detach: (() => void) | null = null;

  constructor(
    private readonly spec: { kind: TerminalKind; machine: string },
    private readonly view: SessionView,
    private readonly core: SessionCore,
  ) {}

  /** Connects (again); a connection still open is closed first. */
  open(size: { cols: number; rows: number }, acceptHostKey?: string): void {
    this.close();
    const attempt = ++this.attempt;
    this.view.status('connecting', {});
    this.core.open({ ...this.spec, ...size, ...(acceptHostKey ? { acceptHostKey } : {}) }).then(
      ({ id, title }) => {
        if (attempt !== this.attempt) return this.core.close(id); // the tab moved on meanwhile
        this.id = id;
        this.view.status('open', { title });
        if (this.typedEarly) {
          this.send(this.typedEarly);
          this.typedEarly = '';
        }
        this.detach = this.core.attach(id, {
          data: (data) => this.view.write(data, () => this.core.ack(id, data.length)),
          exit: (exit) => this.ended(exit),
        });
      },
      (err: Error & { code?: string }) => {
        if (attempt !== this.attempt) return;
        this.view.status(err.code === 'HOST_KEY_UNTRUSTED' || err.code === 'HOST_KEY_CHANGED' ? 'hostkey' : 'failed', { message: err.message });
      },
    );
  }

  /** Keystrokes: sent now, or once the shell is there (as ssh does with what is typed while it connects). */
  input(data: string): void {
    if (this.id) this.send(data);
    else this.typedEarly += data;
  }

  resize(cols: number, rows: number): void {
    if (this.id) this.core.resize(this.id, cols, rows);
  }

  get connected(): boolean {
    return this.id !== null;
  }

  /** Closes the terminal (and forgets a connect still under way). */
  close(): void {
    this.attempt++;
    this.detach?.();
    this.detach = null;
    if (this.id) this.core.close(this.id);
    this.id = null;
  }

  private send(data: string): void {
    for (const chunk of inputChunks(data)) this.core.input(this.id!, chunk);
  }

  private ended(exit: Events['terminal.exit']): void {
    this.id = null;
    this.detach?.();
    this.detach = null;
    if (exit.reason === 'closed') return;
    this.view.status(exit.reason === 'exited' ? 'ended' : 'disconnected', { message: exit.message });
  }
}

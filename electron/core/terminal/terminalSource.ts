import type { TerminalExit } from '../../../shared/types';
import type { Throttle } from './outputPump';

export type SourceEnd = Omit<TerminalExit, 'id'>;

/** What a terminal tab talks to: a remote shell over SSH or a local pty. */
export interface TerminalSource extends Throttle {
  readonly title: string;
  onData(listener: (chunk: Buffer | string) => void): void;
  /** Called once, when the shell exits or the connection drops. */
  onEnd(listener: (end: SourceEnd) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  close(): void;
}

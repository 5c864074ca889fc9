import type { Events } from '../../../shared/ipc';
import { api } from '../api/client';

export interface TerminalSink {
  data(data: string): void;
  exit(exit: Events['terminal.exit']): void;
}

const sinks = new Map<string, TerminalSink>();
// Output can arrive between the open's answer and the view's registration: it waits here.
const early = new Map<string, { data: string[]; exit: Events['terminal.exit'] | null }>();
let listening = false;

function held(id: string) {
  let h = early.get(id);
  if (!h) early.set(id, (h = { data: [], exit: null }));
  return h;
}

function listen(): void {
  if (listening) return;
  listening = true;
  api.on('terminal.data', ({ id, data }) => {
    const sink = sinks.get(id);
    if (sink) sink.data(data);
    else held(id).data.push(data);
  });
  api.on('terminal.exit', (exit) => {
    const sink = sinks.get(exit.id);
    if (sink) sink.exit(exit);
    else held(exit.id).exit = exit;
  });
}

/** Starts listening before any terminal opens, so no output is missed. */
export function startTerminalBus(): void {
  listen();
}

/** Routes one terminal's output to its view; returns the unregistration. */
export function attachTerminal(id: string, sink: TerminalSink): () => void {
  listen();
  sinks.set(id, sink);
  const h = early.get(id);
  early.delete(id);
  h?.data.forEach((d) => sink.data(d));
  if (h?.exit) sink.exit(h.exit);
  return () => sinks.delete(id);
}

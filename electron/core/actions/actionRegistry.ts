import { randomBytes } from 'node:crypto';
import { applyProgressEvent, finishProgress, type Progress, startProgress } from '../../../shared/progress';
import type { ActionDetail, ActionKind, ActionState, ActionSummary, ProgressEvent } from '../../../shared/types';
import { BerthError } from '../errors';
import { maskSecrets } from '../format/maskSecrets';

/** Finished actions kept for the task center; older ones are forgotten first. */
export const KEEP_FINISHED = 100;

interface Entry {
  summary: Omit<ActionSummary, 'steps'>;
  progress: Progress;
  controller: AbortController;
}

export interface ActionEvents {
  started(action: ActionSummary): void;
  progress(id: string, event: ProgressEvent): void;
  ended(action: ActionSummary): void;
}

export interface ActionHandle {
  id: string;
  /** Aborts when the action is cancelled by its id (or by its machine). */
  signal: AbortSignal;
  progress(event: ProgressEvent): void;
  succeeded(message?: string | null): void;
  failed(err: unknown): void;
}

/**
 * Every long action of the core as a record any window can list and follow: id, kind, machine,
 * parameters (secrets masked), steps with their times, a bounded log, and how it ended. Windows that
 * open or reload later attach through `list` and `get`; the events carry the id.
 */
export class ActionRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly events: ActionEvents) {}

  begin(kind: ActionKind, machine: string, params: Record<string, unknown>, opts: { group?: string | null; signal?: AbortSignal } = {}): ActionHandle {
    const id = randomBytes(8).toString('hex');
    const controller = new AbortController();
    // The machine's Cancel (its lock's signal) cancels this action too.
    opts.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const entry: Entry = {
      summary: { id, kind, machine, params: maskSecrets(params) as Record<string, unknown>, group: opts.group ?? null, state: 'running', startedAt: new Date().toISOString(), endedAt: null, error: null, message: null },
      progress: startProgress(kind),
      controller,
    };
    this.entries.set(id, entry);
    this.events.started(this.summaryOf(entry));
    const end = (state: ActionState, error: string | null, message: string | null): void => {
      if (entry.summary.state !== 'running') return;
      entry.summary = { ...entry.summary, state, error, message, endedAt: new Date().toISOString() };
      if (error !== null) entry.progress = finishProgress(entry.progress, { error: { code: state, message: error } });
      this.prune();
      this.events.ended(this.summaryOf(entry));
    };
    return {
      id,
      signal: controller.signal,
      progress: (event) => {
        entry.progress = applyProgressEvent(entry.progress, event, Date.now());
        this.events.progress(id, event);
      },
      succeeded: (message = null) => end('succeeded', null, message),
      failed: (err) => {
        const message = err instanceof Error ? err.message : String(err);
        const cancelled = controller.signal.aborted || (err instanceof BerthError && err.code === 'CANCELLED');
        end(cancelled ? 'cancelled' : 'failed', message, null);
      },
    };
  }

  /** Running ones first, then the finished, newest first. */
  list(): ActionSummary[] {
    const all = [...this.entries.values()].map((e) => this.summaryOf(e));
    const rank = (a: ActionSummary): number => (a.state === 'running' ? 0 : 1);
    return all.sort((a, b) => rank(a) - rank(b) || b.startedAt.localeCompare(a.startedAt));
  }

  /** Actions running now (the tray shows it). */
  runningCount(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.summary.state === 'running') n++;
    return n;
  }

  get(id: string): ActionDetail | null {
    const e = this.entries.get(id);
    return e ? { ...this.summaryOf(e), log: e.progress.log } : null;
  }

  cancel(id: string): boolean {
    const e = this.entries.get(id);
    if (!e || e.summary.state !== 'running') return false;
    e.controller.abort();
    return true;
  }

  /** Forgets every finished action (the task center's "Clear finished"). */
  clearFinished(): void {
    for (const [id, e] of this.entries) if (e.summary.state !== 'running') this.entries.delete(id);
  }

  private summaryOf(e: Entry): ActionSummary {
    return { ...e.summary, steps: e.progress.steps };
  }

  private prune(): void {
    const finished = [...this.entries.values()].filter((e) => e.summary.state !== 'running').sort((a, b) => a.summary.startedAt.localeCompare(b.summary.startedAt));
    for (const e of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.entries.delete(e.summary.id);
  }
}

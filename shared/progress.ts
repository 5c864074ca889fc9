import type { MachineStatus, ProgressEvent, StepState } from './types';

export interface StepView {
  name: string;
  state: StepState;
  /** Set when the step ended. */
  elapsedMs: number | null;
  /** When the step started running here (for a live clock). */
  startedAt: number | null;
  detail: string | null;
  /** Bytes moved so far by a step that transfers (an image download). */
  transfer: { done: number; total: number | null } | null;
}

/** One machine's long action (create, provision) as the UI shows it. */
export interface Progress {
  action: string;
  phase: 'running' | 'done' | 'failed';
  steps: StepView[];
  log: string;
  error: { code: string; message: string } | null;
  result: MachineStatus | null;
}

/** The log keeps its tail: a chatty apt-get must not grow the page without bound. */
export const LOG_LIMIT = 200_000;

export function startProgress(action: string): Progress {
  return { action, phase: 'running', steps: [], log: '', error: null, result: null };
}

/** Folds one streamed event into a machine's progress (pure: the store and tests share it). */
export function applyProgressEvent(p: Progress, e: ProgressEvent, now: number): Progress {
  if (e.kind === 'steps') {
    return { ...p, steps: e.steps.map((name) => ({ name, state: 'pending', elapsedMs: null, startedAt: null, detail: null, transfer: null })) };
  }
  if (e.kind === 'log') {
    const log = p.log + e.text;
    return { ...p, log: log.length > LOG_LIMIT ? log.slice(log.length - LOG_LIMIT) : log };
  }
  if (e.kind === 'transfer') {
    return { ...p, steps: p.steps.map((s) => (s.name === e.step ? { ...s, transfer: { done: e.done, total: e.total } } : s)) };
  }
  const known = p.steps.some((s) => s.name === e.step);
  const steps = known ? p.steps : [...p.steps, { name: e.step, state: 'pending' as const, elapsedMs: null, startedAt: null, detail: null, transfer: null }];
  return {
    ...p,
    steps: steps.map((s) =>
      s.name !== e.step
        ? s
        : {
            ...s,
            state: e.state,
            detail: e.detail ?? s.detail,
            startedAt: e.state === 'running' ? now : s.startedAt,
            elapsedMs: e.state === 'running' ? null : e.elapsedMs,
          },
    ),
  };
}

export function finishProgress(p: Progress, outcome: { result: MachineStatus } | { error: { code: string; message: string } }): Progress {
  if ('result' in outcome) return { ...p, phase: 'done', result: outcome.result };
  // A step still marked running when the action failed is the one that failed.
  const steps = p.steps.map((s) => (s.state === 'running' ? { ...s, state: 'failed' as const } : s));
  return { ...p, phase: 'failed', steps, error: outcome.error };
}

export function formatElapsed(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const BUSY_LABEL: Record<string, string> = {
  Create: 'Creating…',
  Provision: 'Provisioning…',
  Restart: 'Restarting…',
  start: 'Starting…',
  stop: 'Stopping…',
  kill: 'Killing…',
  'Regenerate certs': 'Regenerating certs…',
  Upgrade: 'Upgrading…',
};

/** What a machine's state says while one of its long actions runs. */
export function busyLabel(action: string): string {
  return BUSY_LABEL[action] ?? `${action}…`;
}

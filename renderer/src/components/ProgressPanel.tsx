import { useEffect, useRef, useState } from 'react';
import { formatTransfer } from '../../../shared/formatTransfer';
import { formatElapsed, type StepView } from '../../../shared/progress';
import { useProgress } from '../state/progressStore';
import { visibleProgress } from '../state/tasksStore';
import { useNow } from '../state/useNow';

const STATE_LABEL: Record<StepView['state'], string> = {
  pending: 'pending',
  running: 'running',
  done: 'done',
  failed: 'failed',
  skipped: 'skipped',
};

function StepRow({ step, now }: { step: StepView; now: number }) {
  const elapsed = step.elapsedMs ?? (step.state === 'running' && step.startedAt !== null ? now - step.startedAt : null);
  return (
    <li className={`step step-${step.state}`} aria-label={`${step.name}: ${STATE_LABEL[step.state]}`}>
      <span className="step-mark" aria-hidden="true" />
      <span className="step-name">{step.name}</span>
      <span className="step-state">{STATE_LABEL[step.state]}</span>
      <span className="step-time mono">{elapsed !== null ? formatElapsed(elapsed) : ''}</span>
      {step.transfer && (
        <span className="step-transfer">
          <progress
            aria-label={`${step.name} progress`}
            max={step.transfer.total ?? undefined}
            value={step.transfer.total ? step.transfer.done : undefined}
          />
          <span className="mono muted">{formatTransfer(step.transfer.done, step.transfer.total)}</span>
        </span>
      )}
      {step.detail && <span className="step-detail muted">{step.detail}</span>}
    </li>
  );
}

/** Steps with their state and time (a dialog's progress, a task in the task center). */
export function StepList({ label, steps, now }: { label: string; steps: StepView[]; now: number }) {
  return (
    <ol className="steps" aria-label={label}>
      {steps.map((s) => (
        <StepRow key={s.name} step={s} now={now} />
      ))}
    </ol>
  );
}

/** A long action's steps with their state and time, the live log, and Cancel while it runs. */
export function ProgressPanel({ machine }: { machine: string }) {
  const progress = useProgress((s) => s.byMachine[machine]);
  const cancel = useProgress((s) => s.cancel);
  const [cancelling, setCancelling] = useState(false);
  const logRef = useRef<HTMLPreElement>(null);
  const running = progress?.phase === 'running';
  const now = useNow(500, running);

  // While this shows the machine's progress, an action ending there needs no toast.
  useEffect(() => {
    visibleProgress.add(machine);
    return () => void visibleProgress.delete(machine);
  }, [machine]);

  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [progress?.log]);

  if (!progress) return null;
  return (
    <div className="progress">
      {progress.steps.length === 0 && running && <p className="muted">Connecting over SSH…</p>}
      <StepList label={`Steps of ${machine}`} steps={progress.steps} now={now} />
      {progress.phase === 'failed' && progress.error && (
        <div role="alert" className="banner-error">
          <strong>{progress.error.code === 'CANCELLED' ? 'Cancelled' : 'Failed'}:</strong> <span className="pre-wrap">{progress.error.message}</span>
        </div>
      )}
      {progress.phase === 'done' && progress.result && (
        <p role="status" className="ok-text">
          {machine} is {progress.result.state}
          {progress.result.dockerVersion !== 'Unknown' ? ` with Docker ${progress.result.dockerVersion}` : ''}.
        </p>
      )}
      <details open={progress.phase !== 'done'}>
        <summary>Log</summary>
        <pre className="log" role="log" aria-label={`Log of ${machine}`} ref={logRef}>
          {progress.log}
        </pre>
      </details>
      {running && (
        <div className="dialog-buttons">
          <button
            type="button"
            disabled={cancelling}
            onClick={() => {
              setCancelling(true);
              void cancel(machine);
            }}
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      )}
    </div>
  );
}

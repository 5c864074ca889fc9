import { useEffect } from 'react';
import { type ActionSummary, isTransfer } from '../../../shared/types';
import { formatElapsed } from '../../../shared/progress';
import { api } from '../api/client';
import { arrange, groupSummary, taskTitle } from '../state/tasks';
import { taskCenter, useTasks } from '../state/tasksStore';
import { useSettings } from '../state/settingsStore';
import { useNow } from '../state/useNow';
import { useToasts } from '../state/toastStore';
import { StepList } from './ProgressPanel';

interface Props {
  hidden: boolean;
  onOpenMachine(name: string): void;
}

const STATE_LABEL: Record<ActionSummary['state'], string> = { running: 'Running', succeeded: 'Succeeded', failed: 'Failed', cancelled: 'Cancelled' };

function duration(a: ActionSummary, now: number): string {
  const end = a.endedAt ? Date.parse(a.endedAt) : now;
  return formatElapsed(Math.max(0, end - Date.parse(a.startedAt)));
}

function TaskRow({ task, now, onOpenMachine }: { task: ActionSummary; now: number; onOpenMachine(name: string): void }) {
  const log = useTasks((s) => s.logs[task.id]);
  const focus = useTasks((s) => s.focus);
  const open = log !== undefined;
  const show = useToasts((s) => s.show);
  const { openLog, closeLog } = useTasks.getState();
  useEffect(() => {
    if (focus === task.id && !open) void openLog(task.id);
  }, [focus, task.id, open, openLog]);
  const title = taskTitle(task);
  const act = (p: Promise<unknown>): void => void p.catch((err: Error) => show('error', err.message));
  return (
    <li className={`task task-${task.state}`} aria-label={`${title}: ${STATE_LABEL[task.state]}`}>
      <div className="task-head">
        <button type="button" className="link" aria-expanded={open} onClick={() => (open ? closeLog(task.id) : void openLog(task.id))}>
          {title}
        </button>
        <span className={`task-state task-state-${task.state}`}>{STATE_LABEL[task.state]}</span>
        <span className="muted mono">{duration(task, now)}</span>
        <span className="task-actions">
          {task.state === 'running' && (
            <button type="button" onClick={() => act(api.invoke('actions.cancel', { id: task.id }))} aria-label={`Cancel ${title}`}>
              Cancel
            </button>
          )}
          {(task.state === 'failed' || task.state === 'cancelled') && !isTransfer(task.kind) && (
            <button type="button" onClick={() => act(api.invoke('actions.retry', { id: task.id }))} aria-label={`Retry ${title}`}>
              Retry
            </button>
          )}
          {task.kind !== 'remove' && (
            <button type="button" onClick={() => onOpenMachine(task.machine)} aria-label={`Open machine ${task.machine}`}>
              Open machine
            </button>
          )}
        </span>
      </div>
      {(task.error || task.message) && <p className={task.error ? 'error-text' : 'muted'}>{task.error ?? task.message}</p>}
      {open && (
        <div className="task-detail">
          <StepList label={`Steps of ${title}`} steps={task.steps} now={now} />
          <pre className="log" role="log" aria-label={`Log of ${title}`}>
            {log || 'No output.'}
          </pre>
        </div>
      )}
    </li>
  );
}

/**
 * The task center: every long action of the core, running and recent, from any window — its
 * steps with their times and live log, Cancel, Retry (the same action again), Open machine; a
 * fleet action's tasks together with how many succeeded.
 */
export function TasksView({ hidden, onOpenMachine }: Props) {
  const tasks = useTasks((s) => s.tasks);
  const notify = useSettings((s) => s.ui.notifications);
  const list = arrange(Object.values(tasks));
  const running = Object.values(tasks).some((t) => t.state === 'running');
  const now = useNow(1000, !hidden && running);
  useEffect(() => {
    taskCenter.shown = !hidden;
  }, [hidden]);
  return (
    <section className="tasks-view" hidden={hidden} aria-labelledby="tasks-title">
      <div className="detail-head">
        <h2 id="tasks-title">Tasks</h2>
        <label>
          <input type="checkbox" checked={notify} onChange={(e) => void useSettings.getState().setNotifications(e.target.checked)} /> Tell me when a task ends
        </label>
        <button type="button" className="detail-refresh" onClick={() => void useTasks.getState().clearFinished()} disabled={list.length === 0}>
          Clear finished
        </button>
      </div>
      {list.length === 0 && <p className="muted">No tasks yet. Creating, provisioning, restarting or upgrading a machine shows up here, from every window.</p>}
      <ul className="tasks" aria-label="Tasks">
        {list.map((item) =>
          'task' in item ? (
            <TaskRow key={item.task.id} task={item.task} now={now} onOpenMachine={onOpenMachine} />
          ) : (
            <li key={item.group.id} className="task-group">
              <p className="task-group-head" role="status">
                {groupSummary(item.group)}
              </p>
              <ul aria-label={groupSummary(item.group)}>
                {item.group.tasks.map((t) => (
                  <TaskRow key={t.id} task={t} now={now} onOpenMachine={onOpenMachine} />
                ))}
              </ul>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

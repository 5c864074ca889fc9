import { useEffect } from 'react';
import type { MachineDetail } from '../../../shared/types';
import { api } from '../api/client';
import { taskTitle } from '../state/tasks';
import { useTasks } from '../state/tasksStore';
import { useTerminals } from '../state/terminalsStore';
import { useNow } from '../state/useNow';
import { useOneShot } from '../state/useOneShot';
import { StepList } from './ProgressPanel';

/** Config: how Docker was set up on the machine, and its record as `inspect` shows it (secrets masked). */
export function ConfigTab({ name, detail }: { name: string; detail: MachineDetail }) {
  const e = detail.engineOptions;
  return (
    <div className="detail-grid">
      <section aria-labelledby="engine-title" className="wide">
        <h3 id="engine-title">Engine options</h3>
        <dl className="about">
          {(
            [
              ['Labels', e.labels],
              ['Insecure registries', e.insecureRegistries],
              ['Registry mirrors', e.registryMirrors],
              ['Storage driver', e.storageDriver ? [e.storageDriver] : []],
              ['Environment', e.env],
              ['Other options', e.flags],
            ] as const
          ).map(([label, values]) => (
            <div key={label} className="contents">
              <dt>{label}</dt>
              <dd className="mono">{values.length ? values.join(', ') : '—'}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="inspect-title" className="wide">
        <h3 id="inspect-title">Configuration (inspect, secrets masked)</h3>
        <pre className="log" aria-label={`Configuration of ${name}`} tabIndex={0}>
          {detail.inspect}
        </pre>
      </section>
    </div>
  );
}

/** Logs: the machine's last action (its steps, times and log, as the task center keeps them) and a VM's serial console. */
export function LogsTab({ name, vm }: { name: string; vm: boolean }) {
  const last = useTasks((s) =>
    Object.values(s.tasks)
      .filter((t) => t.machine === name)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0],
  );
  const log = useTasks((s) => (last ? s.logs[last.id] : undefined));
  const consoleLog = useOneShot(vm ? name : null, () => api.invoke('machine.consoleLog', { name }).then((r) => r.text ?? '')).value;
  const now = useNow(1000, last?.state === 'running');
  const lastId = last?.id;
  useEffect(() => {
    if (!lastId) return;
    void useTasks.getState().openLog(lastId);
    return () => useTasks.getState().closeLog(lastId);
  }, [lastId]);
  return (
    <div className="detail-grid">
      <section aria-labelledby="last-action-title" className="wide">
        <h3 id="last-action-title">Last action</h3>
        {last ? (
          <>
            <p>
              {taskTitle(last)}: <strong>{last.state}</strong>
              {last.error ? <span className="error-text"> — {last.error}</span> : last.message ? ` — ${last.message}` : ''}{' '}
              <button type="button" className="link" onClick={() => (useTasks.getState().setFocus(last.id), useTerminals.getState().show('tasks'))}>
                Open in Tasks
              </button>
            </p>
            <StepList label={`Steps of ${taskTitle(last)}`} steps={last.steps} now={now} />
            <pre className="log" role="log" aria-label={`Log of ${taskTitle(last)}`} tabIndex={0}>
              {log ?? 'Loading…'}
            </pre>
          </>
        ) : (
          <p className="muted">No action ran on {name} since Berth started (actions are kept until it stops).</p>
        )}
      </section>
      {vm && (
        <section aria-labelledby="console-title" className="wide">
          <h3 id="console-title">Serial console</h3>
          <pre className="log" role="log" aria-label={`Serial console of ${name}`} tabIndex={0}>
            {consoleLog ?? 'Loading…'}
          </pre>
        </section>
      )}
    </div>
  );
}

import type { MachineSummary } from '../../../shared/types';
import { type RowStatus, useMachines } from '../state/machinesStore';
import type { Progress } from '../state/progress';
import { useProgress } from '../state/progressStore';

export type RowAction = 'env' | 'provision' | 'remove' | 'ssh' | 'local';

interface Props {
  onAction(action: RowAction, machine: MachineSummary): void;
}

const firstLine = (text: string): string => text.split('\n')[0] ?? '';

function StateCell({ row, progress, failed }: { row: RowStatus | undefined; progress: Progress | undefined; failed: boolean }) {
  if (progress?.phase === 'running') {
    return (
      <span className="state state-Starting" aria-busy="true">
        {progress.action === 'Create' ? 'Creating…' : 'Provisioning…'}
      </span>
    );
  }
  // A create or provision that failed half way: the machine is not usable until retried.
  if (failed) return <span className="state state-Error">Error</span>;
  if (!row || row.kind === 'pending') {
    return (
      <span className="state state-pending" aria-busy="true">
        Checking…
      </span>
    );
  }
  if (row.kind === 'failed') return <span className="state state-Error">Error</span>;
  const { state, detail } = row.status;
  return (
    <span className={`state state-${state}`} title={detail ?? undefined}>
      {state}
    </span>
  );
}

/** docker-machine's `ls` columns, each row filled in as its own probe answers. */
export function MachineTable({ onAction }: Props) {
  const machines = useMachines((s) => s.machines);
  const progress = useProgress((s) => s.byMachine);
  const statuses = useMachines((s) => s.statuses);
  const chosenActive = useMachines((s) => s.chosenActive);
  const setActive = useMachines((s) => s.setActive);

  return (
    <table className="machines" aria-label="Machines">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Active</th>
          <th scope="col">Driver</th>
          <th scope="col">State</th>
          <th scope="col">URL</th>
          <th scope="col">Swarm</th>
          <th scope="col">Docker</th>
          <th scope="col">Errors</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {machines.map((m) => {
          if (m.error !== null) {
            return (
              <tr key={m.name} className="row-error" data-machine={m.name}>
                <th scope="row">{m.name}</th>
                <td>-</td>
                <td className="muted">unknown</td>
                <td>
                  <span className="state state-Error">Error</span>
                </td>
                <td />
                <td />
                <td />
                <td className="errors">{m.error}</td>
                <td>
                  <div className="actions">
                    <button type="button" onClick={() => onAction('remove', m)} aria-label={`Remove ${m.name}`}>
                      Remove
                    </button>
                  </div>
                </td>
              </tr>
            );
          }
          const row = statuses[m.name];
          const status = row?.kind === 'done' ? row.status : null;
          const running = progress[m.name]?.phase === 'running';
          const failed = m.provisionError !== null && !running;
          const error = failed ? firstLine(m.provisionError!) : row?.kind === 'failed' ? row.message : (status?.error ?? '');
          const isChosen = chosenActive === m.name;
          return (
            <tr key={m.name} data-machine={m.name}>
              <th scope="row">{m.name}</th>
              <td aria-label={status?.active ? 'active' : 'not active'}>{status?.active ? '*' : '-'}</td>
              <td>{m.driverName}</td>
              <td>
                <StateCell row={row} progress={progress[m.name]} failed={failed} />
              </td>
              <td className="mono">{status?.url ?? ''}</td>
              <td>{m.swarm}</td>
              <td className="mono">{status?.dockerVersion ?? ''}</td>
              <td className="errors">{error}</td>
              <td>
                <div className="actions">
                {(running || failed) && (
                  <button type="button" onClick={() => onAction('provision', m)} aria-label={running ? `Show progress of ${m.name}` : `Retry ${m.name}`}>
                    {running ? 'Progress' : 'Retry'}
                  </button>
                )}
                <button type="button" disabled={running || failed} onClick={() => onAction('ssh', m)} aria-label={`SSH into ${m.name}`}>
                  SSH
                </button>
                <button type="button" disabled={running || failed} onClick={() => onAction('local', m)} aria-label={`Open shell with env for ${m.name}`}>
                  Shell
                </button>
                <button type="button" onClick={() => onAction('env', m)} aria-label={`Copy env for ${m.name}`}>
                  Copy env
                </button>
                <button
                  type="button"
                  onClick={() => void setActive(isChosen ? null : m.name)}
                  aria-label={isChosen ? `Stop using ${m.name} as active` : `Make ${m.name} active`}
                  aria-pressed={isChosen}
                >
                  {isChosen ? 'Active' : 'Make active'}
                </button>
                <button type="button" disabled={running} onClick={() => onAction('remove', m)} aria-label={`Remove ${m.name}`}>
                  Remove
                </button>
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

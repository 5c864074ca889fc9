import type { MachineSummary } from '../../../shared/types';
import { type RowStatus, useMachines } from '../state/machinesStore';

interface Props {
  onCopyEnv(machine: MachineSummary): void;
}

function StateCell({ row }: { row: RowStatus | undefined }) {
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
export function MachineTable({ onCopyEnv }: Props) {
  const machines = useMachines((s) => s.machines);
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
                <td />
              </tr>
            );
          }
          const row = statuses[m.name];
          const status = row?.kind === 'done' ? row.status : null;
          const error = row?.kind === 'failed' ? row.message : (status?.error ?? '');
          const isChosen = chosenActive === m.name;
          return (
            <tr key={m.name} data-machine={m.name}>
              <th scope="row">{m.name}</th>
              <td aria-label={status?.active ? 'active' : 'not active'}>{status?.active ? '*' : '-'}</td>
              <td>{m.driverName}</td>
              <td>
                <StateCell row={row} />
              </td>
              <td className="mono">{status?.url ?? ''}</td>
              <td>{m.swarm}</td>
              <td className="mono">{status?.dockerVersion ?? ''}</td>
              <td className="errors">{error}</td>
              <td>
                <div className="actions">
                <button type="button" onClick={() => onCopyEnv(m)} aria-label={`Copy env for ${m.name}`}>
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
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import { memo, useEffect, useState } from 'react';
import type { MachineSummary } from '../../../shared/types';
import { DEFAULT_VIEW, type ListView, type SortKey, viewRows } from '../state/listView';
import { type RowStatus, useMachines } from '../state/machinesStore';
import { busyLabel, type Progress } from '../../../shared/progress';
import { useProgress } from '../state/progressStore';
import type { FleetKind } from './FleetDialog';
import { useSelection } from '../state/selectionStore';

export type RowAction = 'env' | 'provision' | 'remove' | 'ssh' | 'local';

/** Every callback should keep its identity across renders: every row is memoised on them. */
interface Props {
  onAction(action: RowAction, machine: MachineSummary): void;
  onOpen(machine: MachineSummary): void;
  /** Opens the swarm view of the swarm this machine is in (SWARM column). */
  onSwarm(machine: MachineSummary): void;
  onCreateSwarm(names: string[]): void;
  onExport(names: string[]): void;
  onFleet(kind: FleetKind, names: string[]): void;
}

/** A swarm-mode membership as the SWARM column shows it (`swarm-a (manager)`); classic Swarm's text is shown as it is. */
export const SWARM_MEMBER = /^(.+) \((manager|worker)\)$/;

const firstLine = (text: string): string => text.split('\n')[0] ?? '';


const COLUMNS: { label: string; sort?: SortKey }[] = [
  { label: 'Name', sort: 'name' },
  { label: 'Active' },
  { label: 'Driver', sort: 'driver' },
  { label: 'State', sort: 'state' },
  { label: 'URL', sort: 'url' },
  { label: 'Swarm' },
  { label: 'Docker', sort: 'docker' },
  { label: 'Errors' },
];

/** Name, driver and state filters above the table. */
function Filters({ view, setView, drivers }: { view: ListView; setView(v: ListView): void; drivers: string[] }) {
  return (
    <div className="list-filters" role="search" aria-label="Filter machines">
      <input type="search" aria-label="Filter by name" placeholder="Filter by name" value={view.text} onChange={(e) => setView({ ...view, text: e.target.value })} />
      <select aria-label="Filter by driver" value={view.driver} onChange={(e) => setView({ ...view, driver: e.target.value })}>
        <option value="">All drivers</option>
        {drivers.map((d) => (
          <option key={d} value={d}>
            {d || 'unknown'}
          </option>
        ))}
      </select>
      <select aria-label="Filter by state" value={view.state} onChange={(e) => setView({ ...view, state: e.target.value })}>
        <option value="">All states</option>
        {['Running', 'Stopped', 'Timeout', 'Error', 'Unknown', 'Checking'].map((st) => (
          <option key={st} value={st}>
            {st}
          </option>
        ))}
      </select>
    </div>
  );
}

function StateCell({ row, progress, failed }: { row: RowStatus | undefined; progress: Progress | undefined; failed: boolean }) {
  if (progress?.phase === 'running') {
    return (
      <span className="state state-Starting" aria-busy="true">
        {busyLabel(progress.action)}
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

interface RowProps {
  m: MachineSummary;
  row: RowStatus | undefined;
  progress: Progress | undefined;
  isChosen: boolean;
  /** Some machine is chosen as active in the app: it, not DOCKER_HOST, decides the ACTIVE column. */
  hasChosen: boolean;
  selected: boolean;
  onAction(action: RowAction, machine: MachineSummary): void;
  onOpen(machine: MachineSummary): void;
  onSwarm(machine: MachineSummary): void;
}

/**
 * One machine's row. Memoised: a probe's answer changes one row's props only, so with hundreds of
 * machines an answer redraws one row, not the table.
 */
const MachineRow = memo(function MachineRow({ m, row, progress, isChosen, hasChosen, selected, onAction, onOpen, onSwarm }: RowProps) {
  const setActive = useMachines((s) => s.setActive);
  const toggle = useSelection((s) => s.toggle);
  const select = (
    <td className="select">
      <input type="checkbox" checked={selected} onChange={() => toggle(m.name)} aria-label={`Select ${m.name}`} />
    </td>
  );
  if (m.error !== null) {
    return (
      <tr className="row-error" data-machine={m.name}>
        {select}
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
  const status = row?.kind === 'done' ? row.status : null;
  const running = progress?.phase === 'running';
  // One source of truth, shown at once: the machine chosen in the app (when one is), else DOCKER_HOST's; only a running machine is active.
  const active = (hasChosen ? isChosen : status?.active) === true && status?.state === 'Running';
  const failed = m.provisionError !== null && !running;
  const error = failed ? firstLine(m.provisionError!) : row?.kind === 'failed' ? row.message : (status?.error ?? '');
  return (
    <tr data-machine={m.name}>
      {select}
      <th scope="row">
        <button type="button" className="link" onClick={() => onOpen(m)} aria-label={m.name} title={`Details of ${m.name}`}>
          {m.name}
        </button>
      </th>
      <td aria-label={active ? 'active' : 'not active'}>{active ? '*' : '-'}</td>
      <td>{m.driverName}</td>
      <td>
        <StateCell row={row} progress={progress} failed={failed} />
      </td>
      <td className="mono">{status?.url ?? ''}</td>
      <td>
        {SWARM_MEMBER.test(m.swarm) ? (
          <button type="button" className="link" onClick={() => onSwarm(m)} aria-label={`Swarm of ${m.name}: ${m.swarm}`}>
            {m.swarm}
          </button>
        ) : (
          m.swarm
        )}
      </td>
      <td className="mono">{status?.dockerVersion ?? ''}</td>
      <td className="errors">
        {error}
        {!error && m.certWarning && (
          <span className="warn-text">
            Address not in the certificate{' '}
            <button type="button" className="link" title={m.certWarning} aria-label={`Regenerate certs of ${m.name}`} onClick={() => onOpen(m)}>
              Regenerate certs…
            </button>
          </span>
        )}
      </td>
      <td>
        <div className="actions">
        {(running || failed) && (
          <button type="button" onClick={() => onAction('provision', m)} aria-label={running ? `Show progress of ${m.name}` : `Retry ${m.name}`}>
            {running ? 'Progress' : 'Retry'}
          </button>
        )}
        <button type="button" disabled={running || failed || m.sshUnavailable !== null} title={m.sshUnavailable ?? undefined} onClick={() => onAction('ssh', m)} aria-label={`SSH into ${m.name}`}>
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
});

/** docker-machine's `ls` columns, each row filled in as its own probe answers. */
export function MachineTable({ onAction, onOpen, onSwarm, onCreateSwarm, onExport, onFleet }: Props) {
  const machines = useMachines((s) => s.machines);
  const progress = useProgress((s) => s.byMachine);
  const [view, setView] = useState<ListView>(DEFAULT_VIEW);
  const drivers = [...new Set(machines.map((m) => m.driverName))].sort();
  const statuses = useMachines((s) => s.statuses);
  const rows = viewRows(machines, statuses, view);
  const sortBy = (key: SortKey): void => setView({ ...view, sort: key, descending: view.sort === key ? !view.descending : false });
  const chosenActive = useMachines((s) => s.chosenActive);
  const selected = useSelection((s) => s.selected);
  const setSelected = useSelection((s) => s.set);
  const keepSelected = useSelection((s) => s.keep);
  useEffect(() => keepSelected(machines.map((m) => m.name)), [machines, keepSelected]);
  const shown = rows.map((m) => m.name);
  const allShown = shown.length > 0 && shown.every((n) => selected.includes(n));

  return (
    <>
    <Filters view={view} setView={setView} drivers={drivers} />
    {selected.length > 0 && (
      <div className="selection-bar" role="toolbar" aria-label="Selected machines">
        <span>{selected.length} selected</span>
        <button type="button" onClick={() => onCreateSwarm(selected)}>
          Create swarm…
        </button>
        <button type="button" onClick={() => onFleet('restart', selected)}>
          Restart…
        </button>
        <button type="button" onClick={() => onFleet('upgrade', selected)}>
          Upgrade Docker…
        </button>
        <button type="button" onClick={() => onFleet('provision', selected)}>
          Provision again…
        </button>
        <button type="button" onClick={() => onFleet('run-command', selected)}>
          Run a command…
        </button>
        <button type="button" onClick={() => onExport(selected)}>
          Export…
        </button>
        <button type="button" onClick={() => setSelected([])}>
          Clear selection
        </button>
      </div>
    )}
    <table className="machines" aria-label="Machines">
      <thead>
        <tr>
          <th scope="col" className="select">
            <input type="checkbox" checked={allShown} onChange={() => setSelected(allShown ? [] : shown)} aria-label="Select all shown machines" />
          </th>
          {COLUMNS.map((c) => (
            <th key={c.label} scope="col" aria-sort={c.sort && view.sort === c.sort ? (view.descending ? 'descending' : 'ascending') : undefined}>
              {c.sort ? (
                <button type="button" className="sort" onClick={() => sortBy(c.sort!)} aria-label={`Sort by ${c.label.toLowerCase()}`}>
                  {c.label}
                  <span aria-hidden="true">{view.sort === c.sort ? (view.descending ? ' ▾' : ' ▴') : ''}</span>
                </button>
              ) : (
                c.label
              )}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={10} className="muted">
              No machine matches the filter.
            </td>
          </tr>
        )}
        {rows.map((m) => (
          <MachineRow
            key={m.name}
            m={m}
            row={statuses[m.name]}
            progress={progress[m.name]}
            isChosen={chosenActive === m.name}
            hasChosen={chosenActive !== null}
            selected={selected.includes(m.name)}
            onAction={onAction}
            onOpen={onOpen}
            onSwarm={onSwarm}
          />
        ))}
      </tbody>
    </table>
    </>
  );
}

import { ClipboardCopy, SquareTerminal } from 'lucide-react';
import { ActionMenu } from './ActionMenu';
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MachineSummary } from '../../../shared/types';
import { DEFAULT_VIEW, isFiltered, type ListView, rangeOf, type SortKey, viewRows } from '../state/listView';
import { useListView } from '../state/listViewStore';
import { type RowStatus, useMachines } from '../state/machinesStore';
import { busyLabel, type Progress } from '../../../shared/progress';
import { notAnswering } from '../state/polling';
import { useProgress } from '../state/progressStore';
import type { FleetKind } from './FleetDialog';
import { useSelection } from '../state/selectionStore';

export type RowAction = 'env' | 'provision' | 'remove' | 'ssh' | 'local' | 'start' | 'stop' | 'restart';

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
      {isFiltered(view) && (
        <button type="button" onClick={() => setView({ ...DEFAULT_VIEW, sort: view.sort, descending: view.descending })}>
          Clear filters
        </button>
      )}
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
      <span className="dot" aria-hidden="true" />
      {state}
    </span>
  );
}

/** An error or reason on one line; the full text on hover, and in place when pressed (Enter or a click). */
function ErrorLine({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  return (
    <button type="button" className={`error-line${open ? ' open' : ''}`} aria-expanded={open} title={text} onClick={() => setOpen(!open)}>
      {text}
    </button>
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
  /** The names in the order shown (a Shift-click range); a ref, so rows do not redraw when it changes. */
  shownRef: { current: string[] };
  onAction(action: RowAction, machine: MachineSummary): void;
  onOpen(machine: MachineSummary): void;
  onSwarm(machine: MachineSummary): void;
}

/**
 * One machine's row. Memoised: a probe's answer changes one row's props only, so with hundreds of
 * machines an answer redraws one row, not the table.
 */
const MachineRow = memo(function MachineRow({ m, row, progress, isChosen, hasChosen, selected, shownRef, onAction, onOpen, onSwarm }: RowProps) {
  const setActive = useMachines((s) => s.setActive);
  const select = (
    <td className="select">
      <input
        type="checkbox"
        checked={selected}
        onChange={(e) => {
          const shift = (e.nativeEvent as MouseEvent).shiftKey;
          const sel = useSelection.getState();
          if (shift) sel.toggleRange(m.name, rangeOf(shownRef.current, sel.anchor, m.name));
          else sel.toggle(m.name);
        }}
        aria-label={`Select ${m.name}`}
      />
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
        <td className="errors">
          <ErrorLine text={m.error} />
        </td>
        <td>
          <div className="actions">
            <button type="button" onClick={() => onAction('remove', m)} aria-label={`Remove ${m.name}`}>
              Remove…
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
  // Why a terminal cannot open (a busy or half-made machine shows Progress/Retry in its place): no SSH for this driver, or nothing answering.
  const sshWhyNot = m.sshUnavailable ?? notAnswering(m.name, status);
  return (
    <tr data-machine={m.name}>
      {select}
      <th scope="row">
        <button type="button" className="link name" onClick={(e) => (e.shiftKey ? undefined : onOpen(m))} aria-label={m.name} title={m.name}>
          {m.name}
        </button>
      </th>
      <td aria-label={active ? 'active' : 'not active'}>{active ? '*' : '-'}</td>
      <td>{m.driverName}</td>
      <td>
        <StateCell row={row} progress={progress} failed={failed} />
      </td>
      <td className="mono" title={status?.url ?? undefined}>
        {status?.url ?? ''}
      </td>
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
        {error ? (
          <ErrorLine text={error} />
        ) : status?.detail && status.state !== 'Running' ? (
          // Why it is Stopped or Timeout, in words (docker-machine leaves this empty).
          <span className="reason">
            <ErrorLine text={status.detail} />
          </span>
        ) : (
          m.certWarning && (
            <span className="warn-text">
              Address not in the certificate{' '}
              <button type="button" className="link" title={m.certWarning} aria-label={`Regenerate certs of ${m.name}`} onClick={() => onOpen(m)}>
                Regenerate certs…
              </button>
            </span>
          )
        )}
      </td>
      <td>
        <div className="actions">
          {(running || failed) && (
            <button type="button" onClick={() => onAction('provision', m)} aria-label={running ? `Show progress of ${m.name}` : `Retry ${m.name}`}>
              {running ? 'Progress' : 'Retry'}
            </button>
          )}
          {!(running || failed) && (
            <button type="button" className="icon" disabled={sshWhyNot !== null} title={sshWhyNot ?? `SSH terminal into ${m.name}`} onClick={() => onAction('ssh', m)} aria-label={`SSH into ${m.name}`}>
              <SquareTerminal aria-hidden size={16} />
            </button>
          )}
          <button type="button" className="icon" title={`Copy env for ${m.name}`} onClick={() => onAction('env', m)} aria-label={`Copy env for ${m.name}`}>
            <ClipboardCopy aria-hidden size={16} />
          </button>
          <ActionMenu
            label={`More actions for ${m.name}`}
            items={[
              { label: 'Open shell with env', disabled: running ? 'busy' : failed ? 'not set up yet' : null, run: () => onAction('local', m) },
              { label: isChosen ? 'Stop using as active' : 'Make active', disabled: null, run: () => void setActive(isChosen ? null : m.name) },
              { label: 'Start', disabled: running ? 'busy' : null, run: () => onAction('start', m) },
              { label: 'Stop', disabled: running ? 'busy' : null, run: () => onAction('stop', m) },
              { label: 'Restart…', disabled: running ? 'busy' : null, run: () => onAction('restart', m) },
            ]}
            destructive={{ label: 'Remove…', disabled: running ? 'busy' : null, run: () => onAction('remove', m) }}
          />
        </div>
      </td>
    </tr>
  );
});

/** docker-machine's `ls` columns, each row filled in as its own probe answers. */
export function MachineTable({ onAction, onOpen, onSwarm, onCreateSwarm, onExport, onFleet }: Props) {
  const machines = useMachines((s) => s.machines);
  const progress = useProgress((s) => s.byMachine);
  const view = useListView((s) => s.view);
  const setView = useListView((s) => s.setView);
  // The list comes back scrolled where it was when a machine's page opened.
  useLayoutEffect(() => {
    window.scrollTo(0, useListView.getState().scrollTop);
    return () => useListView.setState({ scrollTop: window.scrollY });
  }, []);
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
  const shownRef = useRef<string[]>(shown);
  useEffect(() => {
    shownRef.current = shown;
  });
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
        <button type="button" onClick={() => onFleet('start', selected)}>
          Start…
        </button>
        <button type="button" onClick={() => onFleet('stop', selected)}>
          Stop…
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
    <table className="machines machine-list" aria-label="Machines">
      <colgroup>
        <col className="c-select" />
        <col className="c-name" />
        <col className="c-active" />
        <col className="c-driver" />
        <col className="c-state" />
        <col className="c-url" />
        <col className="c-swarm" />
        <col className="c-docker" />
        <col className="c-errors" />
        <col className="c-actions" />
      </colgroup>
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
              No machine matches the filter.{' '}
              <button type="button" onClick={() => setView({ ...DEFAULT_VIEW, sort: view.sort, descending: view.descending })}>
                Clear filters
              </button>
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
            shownRef={shownRef}
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

import { useState } from 'react';
import { isLoopbackAddress } from '../../../shared/addresses';
import type { SwarmJoinResult, SwarmRole } from '../../../shared/types';
import { api } from '../api/client';
import { useMachines } from '../state/machinesStore';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { ErrorLine, SubmitButtons } from './SubmitButtons';

interface Props {
  names: string[];
  onClose(): void;
  onOpenSwarm(manager: string): void;
}


/**
 * "Create swarm" from the list's selection: one manager initialises the swarm, the others join it;
 * each machine's outcome is listed, so nothing half-joined goes unnoticed.
 */
export function CreateSwarmDialog({ names, onClose, onOpenSwarm }: Props) {
  const machines = useMachines((s) => s.machines);
  const ipOf = (name: string): string | null => machines.find((m) => m.name === name)?.ip ?? null;
  const reachable = (name: string): boolean => {
    const ip = ipOf(name);
    return ip !== null && !isLoopbackAddress(ip);
  };
  // The recorded address when the others can reach it; else the user gives one.
  const advertiseOf = (name: string): string => (reachable(name) ? ipOf(name)! : '');
  const [manager, setManager] = useState(names[0]!);
  const [advertise, setAdvertise] = useState(advertiseOf(names[0]!));
  const [role, setRole] = useState<SwarmRole>('worker');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<SwarmJoinResult[] | null>(null);
  const problem = !reachable(manager) && !advertise.trim() ? `${manager} is recorded at ${ipOf(manager) ?? 'no address'}, which the other machines cannot reach: give the address they reach it at` : undefined;

  const create = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.invoke('swarm.create', { manager, members: names, role, ...(advertise.trim() ? { advertiseAddr: advertise.trim() } : {}) });
      setResults(r.results);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Create a swarm of ${names.length} machine${names.length === 1 ? '' : 's'}`} onClose={onClose}>
      {results === null ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!problem && !busy) void create();
          }}
        >
          <Field label="Manager">
            {(p) => (
              <select
                {...p}
                value={manager}
                onChange={(e) => {
                  setManager(e.target.value);
                  setAdvertise(advertiseOf(e.target.value));
                }}
              >
                {names.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Advertise address" problem={problem} hint="The address of the manager that the other machines reach (port 2377).">
            {(p) => <input {...p} value={advertise} onChange={(e) => setAdvertise(e.target.value)} />}
          </Field>
          <fieldset className="radio-row">
            <legend>The others join as</legend>
            {(['worker', 'manager'] as const).map((r) => (
              <label key={r}>
                <input type="radio" name="swarm-role" checked={role === r} onChange={() => setRole(r)} /> {r === 'worker' ? 'Workers' : 'Managers'}
              </label>
            ))}
          </fieldset>
          <ErrorLine error={error} />
          <SubmitButtons label="Create swarm" busyLabel="Creating the swarm…" busy={busy} disabled={problem !== undefined} onCancel={onClose} />
        </form>
      ) : (
        <>
          <ul className="swarm-results" aria-label="Results by machine">
            {results.map((r) => (
              <li key={r.machine} className={r.ok ? 'ok-text' : 'error-text'}>
                <strong>{r.machine}</strong>: {r.ok ? r.message : `failed: ${r.message}`}
              </li>
            ))}
          </ul>
          <p role="status">
            {results.filter((r) => r.ok).length} of {results.length} machines are in the swarm.
          </p>
          <div className="dialog-buttons">
            <button type="button" className="primary" onClick={() => onOpenSwarm(manager)}>
              Open swarm
            </button>
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

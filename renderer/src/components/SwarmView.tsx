import { useCallback, useEffect, useState } from 'react';
import type { SwarmNode, SwarmOverview } from '../../../shared/types';
import { api } from '../api/client';
import { useMachines } from '../state/machinesStore';
import { useToasts } from '../state/toastStore';

interface Props {
  manager: string;
  onBack(): void;
}

/**
 * A swarm as its manager sees it: nodes (with the machine each is), services with their replicas,
 * and what a node can be told: promote/demote, drain/activate, leave, remove once down.
 */
export function SwarmView({ manager, onBack }: Props) {
  const [overview, setOverview] = useState<SwarmOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const refreshList = useMachines((s) => s.refresh);
  const show = useToasts((s) => s.show);

  const load = useCallback(
    () =>
      api.invoke('swarm.overview', { manager }).then(
        (o) => {
          setOverview(o);
          setError(null);
        },
        (err: unknown) => setError((err as Error).message),
      ),
    [manager],
  );
  useEffect(() => void load(), [load]);

  const act = async (what: string, work: () => Promise<SwarmOverview | Record<string, never>>): Promise<void> => {
    setBusy(what);
    setError(null);
    try {
      const r = await work();
      if ('nodes' in r) setOverview(r as SwarmOverview);
      else await load();
      show('info', what);
      void refreshList();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const nodeActions = (n: SwarmNode) => {
    const label = n.machine ?? n.hostname;
    const update = (change: { role?: 'manager' | 'worker'; availability?: 'active' | 'drain' }, what: string) =>
      void act(what, () => api.invoke('swarm.updateNode', { manager, nodeId: n.id, ...change }));
    return (
      <div className="actions">
        <button type="button" disabled={busy !== null} onClick={() => update({ role: n.role === 'manager' ? 'worker' : 'manager' }, `${label} ${n.role === 'manager' ? 'demoted' : 'promoted'}`)}>
          {n.role === 'manager' ? `Demote` : `Promote`}
          <span className="visually-hidden"> {label}</span>
        </button>
        <button type="button" disabled={busy !== null} onClick={() => update({ availability: n.availability === 'active' ? 'drain' : 'active' }, `${label} ${n.availability === 'active' ? 'drained' : 'active again'}`)}>
          {n.availability === 'active' ? 'Drain' : 'Activate'}
          <span className="visually-hidden"> {label}</span>
        </button>
        {n.machine !== null && n.status !== 'down' && (
          <button type="button" disabled={busy !== null} onClick={() => void act(`${label} left the swarm`, () => api.invoke('swarm.leave', { name: n.machine!, force: n.role === 'manager' }))}>
            Leave<span className="visually-hidden"> {label}</span>
          </button>
        )}
        {n.status === 'down' && (
          <button type="button" disabled={busy !== null} onClick={() => void act(`${label} removed from the swarm`, () => api.invoke('swarm.removeNode', { manager, nodeId: n.id, force: false }))}>
            Remove<span className="visually-hidden"> {label}</span>
          </button>
        )}
      </div>
    );
  };

  return (
    <section className="swarm-view" aria-label={`Swarm of ${manager}`}>
      <div className="detail-head">
        <button type="button" onClick={onBack}>
          ← Machines
        </button>
        <h2>Swarm managed by {manager}</h2>
        <button type="button" className="detail-refresh" disabled={busy !== null} onClick={() => void load()}>
          Refresh
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void act('New join tokens: the old ones no longer work', () => api.invoke('swarm.rotateTokens', { manager }))}>
          Rotate join tokens
        </button>
      </div>
      {error !== null && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {overview === null && error === null && <p aria-busy="true">Reading the swarm…</p>}
      {overview && (
        <>
          <table className="machines" aria-label="Swarm nodes">
            <thead>
              <tr>
                {['Hostname', 'Machine', 'Role', 'Availability', 'Status', 'Manager status', 'Engine'].map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.nodes.map((n) => (
                <tr key={n.id} data-node={n.id}>
                  <th scope="row">{n.hostname}</th>
                  <td>{n.machine ?? '-'}</td>
                  <td>{n.role}</td>
                  <td>{n.availability}</td>
                  <td>{n.status}</td>
                  <td>{n.managerStatus}</td>
                  <td className="mono">{n.engineVersion}</td>
                  <td>{nodeActions(n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Services</h3>
          {overview.services.length === 0 ? (
            <p className="muted">No services yet: docker service create, with this machine&apos;s env or context.</p>
          ) : (
            <table className="machines" aria-label="Swarm services">
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col">Replicas</th>
                  <th scope="col">Nodes</th>
                </tr>
              </thead>
              <tbody>
                {overview.services.map((s) => (
                  <tr key={s.name}>
                    <th scope="row">{s.name}</th>
                    <td>
                      {s.running}/{s.desired}
                    </td>
                    <td>{s.nodes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

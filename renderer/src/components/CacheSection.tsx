import { useEffect, useState } from 'react';
import { formatTransfer } from '../../../shared/formatTransfer';
import type { UiSettings } from '../../../shared/uiSettings';
import { unusedBytes, useCache } from '../state/cacheStore';
import { useToasts } from '../state/toastStore';
import { WholeNumberInput } from './WholeNumberInput';

const KIND: Record<'image' | 'base' | 'part', string> = { image: 'Image', base: 'Docker-ready base', part: 'Unfinished' };
const size = (n: number): string => formatTransfer(n, null);

/**
 * Docker-ready bases (whether to keep them, how old they may be) and what the store's cache holds,
 * with who uses each entry; Remove is off, with the reason beside it, while a machine is made on it.
 */
export function CacheSection({ hidden, ui, save }: { hidden: boolean; ui: UiSettings; save(c: Partial<UiSettings>): void }) {
  const { entries, error, busy, load, remove, prune } = useCache();
  const show = useToasts((s) => s.show);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (!hidden) void load();
  }, [hidden, load]);
  const said = (what: string) => (problem: string | null): void => show(problem ? 'error' : 'info', problem ?? what);
  const unused = entries ? unusedBytes(entries) : { count: 0, bytes: 0 };

  return (
    <>
      <label className="check">
        <input type="checkbox" checked={ui.keepDockerBases} onChange={(e) => save({ keepDockerBases: e.target.checked })} /> Keep a Docker-ready base after a
        VM&apos;s first create
      </label>
      <p className="muted">The next VM of the same image and Docker choice starts on it and skips installing Docker (minutes without hardware acceleration).</p>
      <label className="check">
        Use a base for up to{' '}
        <WholeNumberInput className="narrow" aria-label="Days a Docker-ready base is used" min={1} max={365} value={ui.baseMaxAgeDays} onValue={(n) => save({ baseMaxAgeDays: n })} />{' '}
        days
      </label>
      <h3 id="cache-title">Image cache</h3>
      {error && <p role="alert">{error}</p>}
      {entries && entries.length === 0 && <p className="muted">Empty: images are downloaded when a VM is created.</p>}
      {entries && entries.length > 0 && (
        <table className="cache-list" aria-labelledby="cache-title">
          <colgroup>
            <col className="cache-kind" />
            <col className="cache-name" />
            <col className="cache-size" />
            <col className="cache-users" />
            <col className="cache-action" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Name</th>
              <th scope="col">Size</th>
              <th scope="col">Used by</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.path}>
                <td>{KIND[e.kind]}</td>
                <th scope="row" title={`${e.path}\n${e.detail}`}>
                  <span className="mono">{e.name}</span>
                  <span className="muted cache-detail">{e.detail}</span>
                </th>
                <td>{size(e.sizeBytes)}</td>
                <td>{e.usedBy.length ? e.usedBy.join(', ') : <span className="muted">nothing</span>}</td>
                <td>
                  <button type="button" disabled={busy || e.usedBy.length > 0} aria-label={`Remove ${e.name}`} title={e.usedBy.length ? `In use by ${e.usedBy.join(', ')}` : undefined} onClick={() => void remove(e.name).then(said(`Removed ${e.name}`))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        {!confirming ? (
          <button type="button" disabled={busy || unused.count === 0} onClick={() => setConfirming(true)}>
            Remove unused…
          </button>
        ) : (
          <>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                void prune().then(said(`Freed ${size(unused.bytes)}`));
              }}
            >
              Remove {unused.count} unused ({size(unused.bytes)})
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        )}
      </div>
    </>
  );
}

import type { MachineDetail, MachineStatus, VersionInfo } from '../../../shared/types';
import { api } from '../api/client';
import { useToasts } from '../state/toastStore';

const formatDate = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : '—');

function VersionRows({ info }: { info: VersionInfo }) {
  const c = info.client;
  const s = info.server;
  const rows: [string, string | undefined, string | undefined][] = [
    ['Version', c?.version, s?.version],
    ['API version', c?.apiVersion, s ? `${s.apiVersion} (minimum ${s.minApiVersion})` : undefined],
    ['Go version', c?.goVersion, s?.goVersion],
    ['Git commit', c?.gitCommit, s?.gitCommit],
    ['Built', c?.built, s?.built],
    ['OS/Arch', c ? `${c.os}/${c.arch}` : undefined, s ? `${s.os}/${s.arch}` : undefined],
    ['Kernel', undefined, s?.kernel],
    ['Operating system', undefined, s?.operatingSystem],
    ...(s?.components ?? []).filter((x) => x.name !== 'Engine').map((x): [string, undefined, string] => [x.name, undefined, x.version]),
  ];
  return (
    <table className="versions" aria-label="Docker versions">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Field</span>
          </th>
          <th scope="col">Client (this computer)</th>
          <th scope="col">Server (the machine)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, client, server]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="mono">{client ?? (c ? '' : '—')}</td>
            <td className="mono">{server ?? (s ? '' : '—')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Summary: what the record and the machine say — overview, certificates, versions, mounted folders. */
export function SummaryTab({ name, detail, status, versions, onReload }: { name: string; detail: MachineDetail; status: MachineStatus | null; versions: VersionInfo | null; onReload(): void }) {
  const show = useToasts((s) => s.show);
  return (
    <div className="detail-grid" role="tabpanel" id="panel-summary" aria-labelledby="page-summary">
      <section aria-labelledby="overview-title">
        <h3 id="overview-title">Overview</h3>
        <dl className="about">
          <dt>Driver</dt>
          <dd>{detail.driverName}</dd>
          <dt>State</dt>
          <dd>
            {status?.state ?? 'Checking…'}
            {status?.detail ? <span className="muted"> — {status.detail}</span> : null}
          </dd>
          <dt>IP</dt>
          <dd className="mono">{detail.ip ?? '—'}</dd>
          <dt>URL</dt>
          <dd className="mono">{detail.url ?? '—'}</dd>
          <dt>SSH</dt>
          <dd className="mono">{detail.ssh ? `${detail.ssh.user}@${detail.ssh.host}:${detail.ssh.port}` : '—'}</dd>
          <dt>SSH key</dt>
          <dd className="mono">{detail.ssh?.keyPath || '—'}</dd>
          <dt>Created</dt>
          <dd>{formatDate(detail.created)}</dd>
          {detail.facts.map((f) => (
            <div key={f.label} className="contents">
              <dt>{f.label}</dt>
              <dd className={[f.tone === 'warn' ? 'warn-text' : '', f.mono ? 'mono' : ''].filter(Boolean).join(' ') || undefined}>{f.value}</dd>
            </div>
          ))}
          {status?.error && (
            <>
              <dt>Error</dt>
              <dd className="error-text">{status.error}</dd>
            </>
          )}
        </dl>
      </section>
      <section aria-labelledby="certs-title">
        <h3 id="certs-title">TLS certificates</h3>
        {detail.certs.error && <p className="error-text">{detail.certs.error}</p>}
        <dl className="about">
          {(
            [
              ['Server', detail.certs.server],
              ['CA', detail.certs.ca],
              ['Client', detail.certs.client],
            ] as const
          ).map(([label, cert]) => (
            <div key={label} className="contents">
              <dt>{label}</dt>
              <dd className={cert?.expiresSoon ? 'warn-text' : undefined}>
                {cert ? `valid until ${formatDate(cert.notAfter)}${cert.expiresSoon ? ' — expires within 30 days: regenerate' : ''}` : '—'}
                {label === 'Server' && cert ? <div className="muted mono">names: {cert.sans.join(', ')}</div> : null}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="versions-title" className="wide">
        <h3 id="versions-title">Versions</h3>
        {versions === null ? (
          <p aria-busy="true" className="muted">
            Asking Docker…
          </p>
        ) : (
          <>
            {versions.error && <p className="error-text">{versions.error}</p>}
            <VersionRows info={versions} />
          </>
        )}
      </section>
      {detail.mounts.length > 0 && (
        <section aria-labelledby="mounts-title" className="wide">
          <h3 id="mounts-title">Mounted folders</h3>
          <ul className="mounts">
            {detail.mounts.map((m) => (
              <li key={m.local}>
                <span className="mono">
                  {name}:{m.remote} → {m.local}
                </span>
                {m.mounted ? (
                  <button type="button" onClick={() => void api.invoke('machine.unmount', { name, local: m.local }).then(onReload, (err: Error) => show('error', `Could not unmount ${m.local}: ${err.message}`))}>
                    Unmount {m.local}
                  </button>
                ) : (
                  <span className="muted">not mounted now</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

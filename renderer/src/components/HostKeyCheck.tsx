import { useEffect, useState } from 'react';
import type { HostKeyProbe } from '../../../shared/types';

/** ready: the key may be used; accept: the fingerprint to pin (first contact or explicit re-trust). */
export interface HostKeyDecision {
  ready: boolean;
  accept?: string;
}

interface Props {
  /** Where the key comes from, for the text ("127.0.0.1:2222"). */
  target: string;
  probe(): Promise<HostKeyProbe>;
  onDecision(decision: HostKeyDecision): void;
}

type Answer = { kind: 'checking' } | { kind: 'failed'; message: string } | { kind: 'probed'; probe: HostKeyProbe };

/**
 * Trust on first use, done visibly: the host's SHA256 fingerprint is shown and nothing secret is
 * sent before the user accepts it; a changed key is refused unless the user re-trusts it explicitly.
 */
export function HostKeyCheck({ target, probe, onDecision }: Props) {
  const [answer, setAnswer] = useState<Answer>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const [trusted, setTrusted] = useState(false);

  useEffect(() => {
    let current = true;
    probe().then(
      (p) => current && setAnswer({ kind: 'probed', probe: p }),
      (err: unknown) => current && setAnswer({ kind: 'failed', message: (err as Error).message }),
    );
    return () => {
      current = false;
    };
  }, [probe, attempt]);

  useEffect(() => {
    if (answer.kind !== 'probed') onDecision({ ready: false });
    else if (answer.probe.status === 'pinned') onDecision({ ready: true });
    else onDecision(trusted ? { ready: true, accept: answer.probe.fingerprint } : { ready: false });
  }, [answer, trusted, onDecision]);

  const retry = (): void => {
    setAnswer({ kind: 'checking' });
    setTrusted(false);
    setAttempt((n) => n + 1);
  };

  return (
    <section className="host-key" aria-label="Host key">
      <h3>Host key of {target}</h3>
      {answer.kind === 'checking' && <p aria-busy="true">Reading the host key…</p>}
      {answer.kind === 'failed' && (
        <>
          <p role="alert" className="error-text">
            {answer.message}
          </p>
          <button type="button" onClick={retry}>
            Check again
          </button>
        </>
      )}
      {answer.kind === 'probed' && answer.probe.status === 'pinned' && (
        <p className="ok-text">
          Trusted already: <code>{answer.probe.fingerprint}</code> ({answer.probe.keyType})
        </p>
      )}
      {answer.kind === 'probed' && answer.probe.status === 'unknown' && (
        <>
          <p>
            First contact. The host offers the {answer.probe.keyType} key <code className="fingerprint">{answer.probe.fingerprint}</code>.
            Compare it with <code>ssh-keygen -lf /etc/ssh/ssh_host_{answer.probe.keyType.replace(/^ssh-/, '').replace(/^ecdsa-.*/, 'ecdsa')}_key.pub</code> on
            the host before you trust it.
          </p>
          <label>
            <input type="checkbox" checked={trusted} onChange={(e) => setTrusted(e.target.checked)} /> Trust this host key
          </label>
        </>
      )}
      {answer.kind === 'probed' && answer.probe.status === 'changed' && (
        <>
          <p role="alert" className="error-text">
            Host key changed for {target}: pinned {answer.probe.pinnedFingerprint}, now offered {answer.probe.fingerprint} ({answer.probe.keyType}). Berth
            refuses to connect. Re-trust it only if you know why it changed (the host was reinstalled); otherwise someone may be intercepting the connection.
          </p>
          <label>
            <input type="checkbox" checked={trusted} onChange={(e) => setTrusted(e.target.checked)} /> Re-trust the new host key
          </label>
        </>
      )}
    </section>
  );
}

import { lazy, Suspense, useEffect } from 'react';
import { useTerminals } from '../state/terminalsStore';
import { ErrorBoundary } from './ErrorBoundary';

const TerminalView = lazy(() => import('./TerminalView').then((m) => ({ default: m.TerminalView })));

/**
 * The machine page's Terminal tab: this machine's SSH, embedded, connected while the page shows it
 * (the app's own terminal tabs are apart and outlive the page). `reason`: why SSH cannot work now.
 */
export function MachineTerminal({ machine, reason }: { machine: string; reason: string | null }) {
  const tab = useTerminals((s) => s.embedded[machine]);
  useEffect(() => {
    if (reason) return;
    useTerminals.getState().openEmbedded(machine);
    return () => useTerminals.getState().closeEmbedded(machine);
  }, [machine, reason]);
  if (reason) return <p className="muted">{reason}</p>;
  if (!tab) {
    return (
      <button type="button" className="primary" onClick={() => useTerminals.getState().openEmbedded(machine)}>
        Open a terminal on {machine}
      </button>
    );
  }
  return (
    <ErrorBoundary what={`The terminal of ${machine}`}>
      <Suspense fallback={<p className="terminal-loading">Loading the terminal…</p>}>
        <TerminalView tab={tab} visible embedded />
      </Suspense>
    </ErrorBoundary>
  );
}

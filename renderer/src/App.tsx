import { useCallback, useEffect, useState } from 'react';
import { api } from './api/client';
import { AboutDialog } from './components/AboutDialog';
import { EnvDialog } from './components/EnvDialog';
import { FirstRun } from './components/FirstRun';
import { MachineTable } from './components/MachineTable';
import { Toasts } from './components/Toasts';
import { useMachines } from './state/machinesStore';

export function App() {
  const { loaded, loadError, machines, storePath, refresh } = useMachines();
  const [envFor, setEnvFor] = useState<string | null>(null);
  const [aboutOpen, setAboutOpen] = useState(false);
  const closeEnv = useCallback(() => setEnvFor(null), []);
  const closeAbout = useCallback(() => setAboutOpen(false), []);

  useEffect(() => {
    void refresh();
    return api.on('machines.changed', () => void refresh());
  }, [refresh]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>Berth</h1>
        <span className="store-path mono" title="Machine store">
          {storePath}
        </span>
        <div className="topbar-actions">
          <button type="button" onClick={() => void refresh()}>
            Refresh
          </button>
          <button type="button" onClick={() => setAboutOpen(true)}>
            About
          </button>
        </div>
      </header>
      <main>
        {loadError !== null && (
          <p role="alert" className="banner-error">
            {loadError}
          </p>
        )}
        {loaded && loadError === null && machines.length === 0 && <FirstRun storePath={storePath} />}
        {machines.length > 0 && <MachineTable onCopyEnv={(m) => setEnvFor(m.name)} />}
      </main>
      {envFor !== null && <EnvDialog machine={envFor} onClose={closeEnv} />}
      {aboutOpen && <AboutDialog onClose={closeAbout} />}
      <Toasts />
    </div>
  );
}

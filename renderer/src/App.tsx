import { useCallback, useEffect, useState } from 'react';
import { api } from './api/client';
import { AboutDialog } from './components/AboutDialog';
import { CreateWizard } from './components/CreateWizard';
import { EnvDialog } from './components/EnvDialog';
import { FirstRun } from './components/FirstRun';
import { MachineTable, type RowAction } from './components/MachineTable';
import { ProvisionDialog } from './components/ProvisionDialog';
import { RemoveDialog } from './components/RemoveDialog';
import { Toasts } from './components/Toasts';
import { useMachines } from './state/machinesStore';
import { useProgress } from './state/progressStore';

type Open = { kind: 'none' } | { kind: 'create' } | { kind: 'about' } | { kind: RowAction; machine: string };

export function App() {
  const { loaded, loadError, machines, storePath, refresh } = useMachines();
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const close = useCallback(() => setOpen({ kind: 'none' }), []);
  const createMachine = useCallback(() => setOpen({ kind: 'create' }), []);

  useEffect(() => {
    void refresh();
    const offChanged = api.on('machines.changed', () => void refresh());
    const offProgress = api.on('machine.progress', (e) => useProgress.getState().apply(e));
    return () => {
      offChanged();
      offProgress();
    };
  }, [refresh]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>Berth</h1>
        <span className="store-path mono" title="Machine store">
          {storePath}
        </span>
        <div className="topbar-actions">
          <button type="button" className="primary" onClick={createMachine}>
            Create machine
          </button>
          <button type="button" onClick={() => void refresh()}>
            Refresh
          </button>
          <button type="button" onClick={() => setOpen({ kind: 'about' })}>
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
        {loaded && loadError === null && machines.length === 0 && <FirstRun storePath={storePath} onCreate={createMachine} />}
        {machines.length > 0 && <MachineTable onAction={(kind, m) => setOpen({ kind, machine: m.name })} />}
      </main>
      {open.kind === 'create' && <CreateWizard onClose={close} />}
      {open.kind === 'env' && <EnvDialog machine={open.machine} onClose={close} />}
      {open.kind === 'provision' && <ProvisionDialog machine={open.machine} onClose={close} />}
      {open.kind === 'remove' && <RemoveDialog machine={open.machine} onClose={close} />}
      {open.kind === 'about' && <AboutDialog onClose={close} />}
      <Toasts />
    </div>
  );
}

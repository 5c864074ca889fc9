import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { AppCommand, MachineSummary } from '../../shared/types';
import { api } from './api/client';
import { AboutDialog } from './components/AboutDialog';
import { CreateWizard } from './components/CreateWizard';
import { EnvDialog } from './components/EnvDialog';
import { ExportDialog } from './components/ExportDialog';
import { FleetDialog, type FleetKind } from './components/FleetDialog';
import { TasksView } from './components/TasksView';
import { ImportDialog } from './components/ImportDialog';
import { FirstRun } from './components/FirstRun';
import { ErrorBoundary } from './components/ErrorBoundary';
import { MachineDetailView } from './components/MachineDetailView';
import { MachineTable, type RowAction, SWARM_MEMBER } from './components/MachineTable';
import { CreateSwarmDialog } from './components/CreateSwarmDialog';
import { SwarmView } from './components/SwarmView';
import { ProvisionDialog } from './components/ProvisionDialog';
import { RemoveDialog } from './components/RemoveDialog';
import { Toasts } from './components/Toasts';
import { ViewTabs } from './components/ViewTabs';
import { Sidebar } from './components/Sidebar';
import { startPolling, useMachines } from './state/machinesStore';
import { applyTheme, useSettings } from './state/settingsStore';
import { SettingsView } from './components/SettingsView';
import { CommandPalette, ShortcutsDialog } from './components/CommandPalette';
import type { PaletteRun } from './state/palette';
import { useSelection } from './state/selectionStore';
import { useShellRequest } from './state/shellRequestStore';
import { startCoreEvents } from './state/coreEvents';
import { onShowTask, useTasks } from './state/tasksStore';
import { useTerminals } from './state/terminalsStore';
import { startTerminalBus } from './terminal/terminalBus';

// xterm.js and its addons are half the page's code: loaded when the first terminal opens, not before the list.
const TerminalView = lazy(() => import('./components/TerminalView').then((m) => ({ default: m.TerminalView })));

type Open =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'about' }
  | { kind: 'swarm-create'; names: string[] }
  | { kind: 'export'; names: string[] }
  | { kind: 'import' }
  | { kind: 'fleet'; fleet: FleetKind; names: string[] }
  | { kind: 'palette' }
  | { kind: 'shortcuts' }
  | { kind: Exclude<RowAction, 'ssh' | 'local' | 'start' | 'stop' | 'restart'>; machine: string };

/** The machine to ask about a row's swarm: the row itself if it manages it, else one that does. */
function swarmManager(machines: MachineSummary[], m: MachineSummary): string {
  const [, name, role] = SWARM_MEMBER.exec(m.swarm) ?? [];
  if (role === 'manager' || !name) return m.name;
  return machines.find((x) => x.swarm === `${name} (manager)`)?.name ?? name;
}

export function App() {
  const { loaded, loadError, machines, storePath, refresh } = useMachines();
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [detailOf, setDetailOf] = useState<string | null>(null);
  const [swarmOf, setSwarmOf] = useState<string | null>(null);
  const close = useCallback(() => setOpen({ kind: 'none' }), []);
  const createMachine = useCallback(() => setOpen({ kind: 'create' }), []);
  const tabs = useTerminals((s) => s.tabs);
  const view = useTerminals((s) => s.view);
  const openTerminal = useTerminals((s) => s.open);
  // Stable, so the list's memoised rows do not all redraw when the app re-renders.
  const openRow = useCallback((m: MachineSummary) => setDetailOf(m.name), []);
  const openSwarm = useCallback((m: MachineSummary) => setSwarmOf(swarmManager(useMachines.getState().machines, m)), []);
  const createSwarm = useCallback((names: string[]) => setOpen({ kind: 'swarm-create', names }), []);
  const exportMachines = useCallback((names: string[]) => setOpen({ kind: 'export', names }), []);
  const fleet = useCallback((kind: FleetKind, names: string[]) => setOpen({ kind: 'fleet', fleet: kind, names }), []);
  const running = useTasks((s) => Object.values(s.tasks).filter((t) => t.state === 'running').length);
  const showTasks = useTerminals((s) => s.show);
  // The application menu, the tray, a second launch (Electron) and the command palette ask for the same things.
  const runCommand = useCallback(
    (c: AppCommand | PaletteRun): void => {
      if (c.kind === 'settings' || c.kind === 'tasks') return useTerminals.getState().show(c.kind);
      useTerminals.getState().show('machines');
      if (c.kind === 'new-machine') setOpen({ kind: 'create' });
      else if (c.kind === 'import') setOpen({ kind: 'import' });
      else if (c.kind === 'about') setOpen({ kind: 'about' });
      else if (c.kind === 'shortcuts') setOpen({ kind: 'shortcuts' });
      else if (c.kind === 'refresh') void refresh();
      else {
        setSwarmOf(null);
        setDetailOf(c.name);
        if (c.kind === 'machine') useShellRequest.getState().ask(c.name, c.action);
      }
    },
    [refresh],
  );
  const rowAction = useCallback(
    (kind: RowAction, m: MachineSummary) =>
      kind === 'ssh' || kind === 'local'
        ? openTerminal(kind, m.name)
        : kind === 'start' || kind === 'stop' || kind === 'restart'
          ? // Power actions run on the machine's page, where their progress and outcome show (as from the menus).
            runCommand({ kind: 'machine', name: m.name, action: kind })
          : setOpen({ kind, machine: m.name }),
    [openTerminal, runCommand],
  );


  useEffect(() => {
    startTerminalBus();
    void useSettings.getState().load().then(() => applyTheme(useSettings.getState().ui.theme), () => undefined);
    const stopPolling = startPolling();
    // F5 and Ctrl/Cmd+R refresh the list (and never reload the app).
    const onKey = (e: KeyboardEvent): void => {
      const mod = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
      // Ctrl/Cmd+K from anywhere but a terminal (where it is the shell's kill-line).
      if (mod && e.key.toLowerCase() === 'k' && !(e.target instanceof Element && e.target.closest('.terminal-view'))) {
        e.preventDefault();
        setOpen((o) => (o.kind === 'none' ? { kind: 'palette' } : o));
        return;
      }
      // Keys typed into a terminal, a field or a dialog are theirs (Ctrl+R is the shell's history search).
      if (e.target instanceof Element && e.target.closest('.terminal-view, input, textarea, select, [role="dialog"]')) return;
      if (e.key === 'F5' || (mod && e.key.toLowerCase() === 'r')) {
        e.preventDefault();
        void refresh();
      } else if (mod && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        setOpen((o) => (o.kind === 'none' ? { kind: 'create' } : o));
      } else if (e.key === '/' && !mod) {
        const filter = document.querySelector<HTMLInputElement>('input[aria-label="Filter by name"]');
        if (filter) {
          e.preventDefault();
          useTerminals.getState().show('machines');
          filter.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    const stopEvents = startCoreEvents();
    onShowTask((id) => {
      useTasks.getState().setFocus(id);
      useTerminals.getState().show('tasks');
    });
    // The application menu, the tray and a second launch (Electron only).
    const offCommand = api.on('app.command', runCommand);
    return () => {
      stopEvents();
      offCommand();
      stopPolling();
      window.removeEventListener('keydown', onKey);
    };
  }, [refresh, runCommand]);

  // The desktop's Machine menu acts on the machine whose page is open.
  useEffect(() => {
    api.invoke('app.viewing', { name: detailOf }).catch(() => undefined);
  }, [detailOf]);

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
          <button type="button" onClick={() => setOpen({ kind: 'import' })}>
            Import…
          </button>
          <button type="button" onClick={() => void refresh()} title="Refresh (F5, Ctrl+R)" aria-keyshortcuts="F5 Control+R Meta+R">
            Refresh
          </button>
          <button type="button" onClick={() => setOpen({ kind: 'about' })}>
            About
          </button>
        </div>
      </header>
      <div className="shell">
      <Sidebar running={running} />
      <div className="content">
      <ViewTabs />
      <main hidden={view !== 'machines'}>
        {loadError !== null && (
          <p role="alert" className="banner-error">
            {loadError}
          </p>
        )}
        {loaded && loadError === null && machines.length === 0 && <FirstRun storePath={storePath} onCreate={createMachine} />}
        {swarmOf !== null ? (
          <ErrorBoundary key={`swarm-${swarmOf}`} what={`The swarm of "${swarmOf}"`} onLeave={() => setSwarmOf(null)} leaveLabel="Back to the list">
            <SwarmView manager={swarmOf} onBack={() => setSwarmOf(null)} />
          </ErrorBoundary>
        ) : detailOf !== null && machines.some((m) => m.name === detailOf) ? (
          <ErrorBoundary key={detailOf} what={`The page of "${detailOf}"`} onLeave={() => setDetailOf(null)} leaveLabel="Back to the list">
            <MachineDetailView
              name={detailOf}
              onBack={() => setDetailOf(null)}
              onAction={(kind) =>
                kind === 'ssh' || kind === 'local' ? openTerminal(kind, detailOf) : kind === 'export' ? exportMachines([detailOf]) : setOpen({ kind, machine: detailOf })
              }
            />
          </ErrorBoundary>
        ) : (
          machines.length > 0 && (
            <ErrorBoundary what="The machine list">
              <MachineTable onOpen={openRow} onAction={rowAction} onSwarm={openSwarm} onCreateSwarm={createSwarm} onExport={exportMachines} onFleet={fleet} />
            </ErrorBoundary>
          )
        )}
      </main>
      <TasksView
        hidden={view !== 'tasks'}
        onOpenMachine={(name) => {
          showTasks('machines');
          setSwarmOf(null);
          setDetailOf(name);
        }}
      />
      <ErrorBoundary what="Settings">
        <SettingsView hidden={view !== 'settings'} />
      </ErrorBoundary>
      {tabs.map((t) => (
        <ErrorBoundary key={t.key} what={`The terminal "${t.title}"`}>
          <Suspense fallback={<p className="terminal-loading">Loading the terminal…</p>}>
            <TerminalView tab={t} visible={view === t.key} />
          </Suspense>
        </ErrorBoundary>
      ))}
      </div>
      </div>
      {open.kind === 'create' && (
        <ErrorBoundary what="The create wizard" onLeave={close} leaveLabel="Close">
          <CreateWizard onClose={close} />
        </ErrorBoundary>
      )}
      {open.kind === 'env' && <EnvDialog machine={open.machine} onClose={close} />}
      {open.kind === 'provision' && <ProvisionDialog machine={open.machine} onClose={close} />}
      {open.kind === 'remove' && <RemoveDialog machine={open.machine} onClose={close} />}
      {open.kind === 'about' && <AboutDialog onClose={close} />}
      {open.kind === 'export' && <ExportDialog names={open.names} onClose={close} />}
      {open.kind === 'import' && <ImportDialog onClose={close} />}
      {open.kind === 'fleet' && (
        <FleetDialog
          kind={open.fleet}
          names={open.names}
          onClose={close}
          onStarted={() => {
            close();
            showTasks('tasks');
          }}
        />
      )}
      {open.kind === 'swarm-create' && (
        <CreateSwarmDialog
          names={open.names}
          onClose={close}
          onOpenSwarm={(manager) => {
            close();
            useSelection.getState().set([]);
            setDetailOf(null);
            setSwarmOf(manager);
          }}
        />
      )}
      {open.kind === 'palette' && <CommandPalette onRun={runCommand} onClose={close} />}
      {open.kind === 'shortcuts' && <ShortcutsDialog onClose={close} />}
      <Toasts />
    </div>
  );
}

import { useCallback, useEffect, useState } from 'react';
import type { EngineInstallChoice, LifecycleAction, MachineDetail, MachineMenuAction, MachineStatus, VersionInfo } from '../../../shared/types';
import { api } from '../api/client';
import { copyText } from '../clipboard';
import { useMachines } from '../state/machinesStore';
import { busyLabel } from '../../../shared/progress';
import { notAnswering } from '../state/polling';
import { useProgress } from '../state/progressStore';
import { useShellRequest } from '../state/shellRequestStore';
import { useTerminals } from '../state/terminalsStore';
import { useToasts } from '../state/toastStore';
import { ActionDialog } from './ActionDialog';
import { Dialog } from './Dialog';
import { FilesView } from './FilesView';
import { ConfigTab, LogsTab } from './MachinePageTabs';
import { MachineTerminal } from './MachineTerminal';
import { SummaryTab } from './SummaryTab';
import { ActionMenu } from './ActionMenu';
import { UpgradeDialog } from './UpgradeDialog';

export type DetailAction = 'env' | 'provision' | 'remove' | 'ssh' | 'local' | 'export';

interface Props {
  name: string;
  onBack(): void;
  onAction(action: DetailAction): void;
}

type Running = { title: string; retry(sudoPassword?: string): void } | null;
type Confirm = { title: string; text: string; label: string; run(): void } | null;

/** Actions that talk to the host over SSH: nothing to do while it does not answer (a VM's restart and kill go through its driver instead). */
const NEEDS_HOST: LifecycleAction[] = ['ssh', 'upgrade', 'regenerateCerts'];

/** One machine's page: what the record says, the live versions, and every action its driver allows. */
export function MachineDetailView({ name, onBack, onAction }: Props) {
  const row = useMachines((s) => s.statuses[name]);
  // A create or provisioning that failed half way: the same Error and Retry as its row in the list.
  const provisionError = useMachines((s) => s.machines.find((m) => m.name === name)?.provisionError ?? null);
  const chosenActive = useMachines((s) => s.chosenActive);
  const setActive = useMachines((s) => s.setActive);
  const refresh = useMachines((s) => s.refresh);
  const run = useProgress((s) => s.run);
  const busy = useProgress((s) => (s.byMachine[name]?.phase === 'running' ? s.byMachine[name].action : null));
  const running = busy !== null;
  const show = useToasts((s) => s.show);
  const [detail, setDetail] = useState<MachineDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Kept with the reload it answers, so a stale answer is never shown as fresh.
  const [versionsAt, setVersionsAt] = useState<{ at: number; info: VersionInfo } | null>(null);
  const [dialog, setDialog] = useState<Running>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [upgradeOpen, setUpgradeOpen] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [page, setPage] = useState<'summary' | 'terminal' | 'files' | 'logs' | 'config'>('summary');
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    api.invoke('machine.detail', { name }).then(
      (d) => current && (setDetail(d), setError(null)),
      (err: unknown) => current && setError((err as Error).message),
    );
    void api.invoke('machine.versions', { name }).then((info) => current && setVersionsAt({ at: reloads, info }));
    return () => {
      current = false;
    };
  }, [name, reloads]);

  // A page opens at its top (the list keeps its own place for the way back). A block: Chromium's
  // scrollTo returns a promise now, and an effect may return only its cleanup.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [name]);

  // Escape or Alt+Left goes back to the list, as a browser's Back does (not from a field, a terminal or a dialog).
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.target instanceof Element && e.target.closest('input, textarea, select, [role="dialog"], .terminal-view')) return;
      if (useTerminals.getState().view !== 'machines') return;
      if ((e.key === 'Escape' && !e.altKey && !e.ctrlKey && !e.metaKey) || (e.key === 'ArrowLeft' && e.altKey)) {
        e.preventDefault();
        onBack();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  useEffect(() => api.on('machines.changed', ({ names, all }) => (all || names.includes(name)) && reload()), [reload, name]);

  const longAction = (title: string, label: string, invoke: (sudoPassword?: string) => Promise<MachineStatus>): void => {
    const start = (sudoPassword?: string): void => {
      void run(name, label, () => invoke(sudoPassword)).then(() => {
        reload();
        void refresh([name]);
      });
    };
    setDialog({ title, retry: start });
    start();
  };

  const power = (action: 'start' | 'stop' | 'restart' | 'kill'): void =>
    longAction(`${action[0]!.toUpperCase()}${action.slice(1)} ${name}`, action === 'restart' ? 'Restart' : action, (sudoPassword) =>
      api.invoke('machine.power', { name, action, ...(sudoPassword ? { sudoPassword } : {}) }),
    );
  const regenerate = (): void =>
    longAction(`Regenerate certificates of ${name}`, 'Regenerate certs', (sudoPassword) => api.invoke('machine.regenerateCerts', { name, ...(sudoPassword ? { sudoPassword } : {}) }));
  const upgrade = (engine: EngineInstallChoice | undefined): void => {
    setUpgradeOpen(false);
    longAction(`Upgrade Docker on ${name}`, 'Upgrade', async (sudoPassword) => {
      const result = await api.invoke('machine.upgrade', { name, ...(engine ? { engine } : {}), ...(sudoPassword ? { sudoPassword } : {}) });
      show('info', result.message);
      return result.status;
    });
  };
  const copyFlags = async (): Promise<void> => {
    try {
      // One line: pasted after `docker `, every flag belongs to the same command (config prints one per line).
      await copyText((await api.invoke('machine.dockerFlags', { name })).text.trim().split('\n').join(' '));
      show('info', `Copied the docker flags for ${name}`);
    } catch (err) {
      show('error', `Could not copy: ${(err as Error).message}`);
    }
  };

  const versions = versionsAt?.at === reloads ? versionsAt.info : null;
  const caps = detail?.capabilities;
  const status = row?.kind === 'done' ? row.status : null;
  // What needs the host itself is off while it does not answer, with why (a Stopped VM can still Start).
  const unreachable = (action: LifecycleAction): string | null =>
    NEEDS_HOST.includes(action) || (action === 'restart' && detail?.driverName === 'generic') ? notAnswering(name, status) : null;
  const reasonOf = (action: LifecycleAction): string | null => (running ? `${name} is busy with another action` : caps ? (caps[action] ?? unreachable(action)) : 'Loading…');
  const actionButton = (action: LifecycleAction, label: string, onClick: () => void) => {
    const reason = reasonOf(action);
    return (
      <button type="button" disabled={reason !== null} title={reason ?? undefined} onClick={onClick}>
        {label}
      </button>
    );
  };
  // What each button does; the application menu's Machine items (a shell request) do the same.
  const act: Record<MachineMenuAction, () => void> = {
    start: () => power('start'),
    stop: () => power('stop'),
    restart: () =>
      setConfirm({
        title: `Restart ${name}?`,
        text: `Berth reboots ${name} over SSH and waits until Docker answers again. Its running containers stop unless they restart by policy.`,
        label: 'Restart',
        run: () => power('restart'),
      }),
    kill: () => power('kill'),
    regenerateCerts: () =>
      setConfirm({
        title: `Regenerate the certificates of ${name}?`,
        text: 'A new server certificate for the recorded address replaces the old one, and Docker restarts on the machine.',
        label: 'Regenerate',
        run: regenerate,
      }),
    upgrade: () => setUpgradeOpen(true),
    provision: () => onAction('provision'),
    ssh: () => onAction('ssh'),
    env: () => onAction('env'),
    remove: () => onAction('remove'),
  };
  const shellRequest = useShellRequest((s) => (s.request?.name === name ? s.request : null));
  useEffect(() => {
    if (!shellRequest || !caps) return;
    useShellRequest.getState().take(shellRequest.id);
    const { action } = shellRequest;
    const reason = action === 'env' || action === 'remove' ? null : reasonOf(action);
    if (reason) show('error', `${name}: ${reason}`);
    else act[action]();
    // Run once per request, when the machine's capabilities are known.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shellRequest, caps]);
  const isChosen = chosenActive === name;

  return (
    <section className="detail" aria-labelledby="detail-title">
      <div className="detail-head">
        <button type="button" onClick={onBack}>
          ← All machines
        </button>
        <h2 id="detail-title">{name}</h2>
        <span className={`state state-${busy ? 'Starting' : provisionError ? 'Error' : (status?.state ?? 'pending')}`} role="status" aria-label="State">
          {busy ? busyLabel(busy) : provisionError ? 'Error' : (status?.state ?? 'Checking…')}
        </span>
        <button type="button" className="detail-refresh" onClick={reload}>
          Reload details
        </button>
      </div>
      {error && (
        <p role="alert" className="banner-error">
          {error}
        </p>
      )}
      {provisionError && !running && (
        <div role="alert" className="banner-error banner-actions">
          <span>
            <strong>Error:</strong> {provisionError.split('\n')[0]}
          </span>
          <button type="button" onClick={() => onAction('provision')} aria-label={`Retry ${name}`}>
            Retry
          </button>
          <button type="button" onClick={() => onAction('remove')} aria-label={`Remove ${name}`}>
            Remove…
          </button>
        </div>
      )}
      {detail?.ipMismatch && (
        <div role="alert" className="banner-warn">
          <span>{detail.ipMismatch}</span>
          {actionButton('regenerateCerts', 'Regenerate certs now', regenerate)}
        </div>
      )}
      <div className="toolbar" role="toolbar" aria-label={`Actions for ${name}`}>
        {actionButton('start', 'Start', act.start)}
        {actionButton('stop', 'Stop', act.stop)}
        {actionButton('restart', 'Restart', act.restart)}
        {actionButton('ssh', 'SSH', act.ssh)}
        <button type="button" onClick={act.env}>
          Copy env
        </button>
        <button type="button" aria-pressed={isChosen} onClick={() => void setActive(isChosen ? null : name)}>
          {isChosen ? 'Active' : 'Make active'}
        </button>
        <ActionMenu
          label={`More actions for ${name}`}
          text="More actions"
          items={[
            { label: 'Kill', disabled: reasonOf('kill'), run: act.kill },
            { label: 'Regenerate certs…', disabled: reasonOf('regenerateCerts'), run: act.regenerateCerts },
            { label: 'Upgrade Docker…', disabled: reasonOf('upgrade'), run: act.upgrade },
            { label: 'Provision again…', disabled: reasonOf('provision'), run: act.provision },
            { label: 'Shell with env', disabled: null, run: () => onAction('local') },
            { label: 'Copy docker flags', disabled: null, run: () => void copyFlags() },
            { label: 'Export…', disabled: null, run: () => onAction('export') },
          ]}
        />
        <button type="button" className="danger-outline toolbar-end" disabled={running} onClick={() => onAction('remove')}>
          Remove…
        </button>
      </div>

      <div role="tablist" aria-label={`Pages of ${name}`} className="page-tabs">
        {(
          [
            ['summary', 'Summary'],
            ['terminal', 'Terminal'],
            ['files', 'Files'],
            ['logs', 'Logs'],
            ['config', 'Config'],
          ] as const
        ).map(([key, label]) => (
          <button key={key} type="button" role="tab" id={`page-${key}`} aria-controls={`panel-${key}`} aria-selected={page === key} onClick={() => setPage(key)}>
            {label}
          </button>
        ))}
      </div>
      {page === 'terminal' && (
        <div role="tabpanel" id="panel-terminal" aria-labelledby="page-terminal" className="page-terminal">
          <MachineTerminal machine={name} reason={running ? `${name} is busy with another action` : caps ? (caps.ssh ?? notAnswering(name, status)) : 'Loading…'} />
        </div>
      )}
      {page === 'files' && (
        <div role="tabpanel" id="panel-files" aria-labelledby="page-files">
          {caps?.ssh ? <p className="muted">{caps.ssh}</p> : <FilesView machine={name} />}
        </div>
      )}
      {page === 'logs' && (
        <div role="tabpanel" id="panel-logs" aria-labelledby="page-logs">
          <LogsTab name={name} vm={detail?.hasConsole === true} />
        </div>
      )}
      {page === 'config' && detail && (
        <div role="tabpanel" id="panel-config" aria-labelledby="page-config">
          <ConfigTab name={name} detail={detail} />
        </div>
      )}
      {page === 'summary' && detail && <SummaryTab name={name} detail={detail} status={status} versions={versions} onReload={reload} />}

      {confirm && (
        <Dialog title={confirm.title} onClose={() => setConfirm(null)}>
          <p>{confirm.text}</p>
          <div className="dialog-buttons">
            <button type="button" onClick={() => setConfirm(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => {
                setConfirm(null);
                confirm.run();
              }}
            >
              {confirm.label}
            </button>
          </div>
        </Dialog>
      )}
      {upgradeOpen && <UpgradeDialog machine={name} onUpgrade={upgrade} onClose={() => setUpgradeOpen(false)} />}
      {dialog && <ActionDialog machine={name} title={dialog.title} retry={dialog.retry} onClose={() => setDialog(null)} />}
    </section>
  );
}

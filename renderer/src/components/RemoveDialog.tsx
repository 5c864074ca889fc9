import { useState } from 'react';
import { api } from '../api/client';
import { useMachines } from '../state/machinesStore';
import { useOneShot } from '../state/useOneShot';
import { useProgress } from '../state/progressStore';
import { useToasts } from '../state/toastStore';
import { Dialog } from './Dialog';
import { Field } from './Field';

interface Props {
  machine: string;
  onClose(): void;
}

/** Asks before removing a machine's record; what is deleted, and what is not, is said plainly. */
export function RemoveDialog({ machine, onClose }: Props) {
  const summary = useMachines((s) => s.machines.find((m) => m.name === machine));
  const refresh = useMachines((s) => s.refresh);
  const forget = useProgress((s) => s.forget);
  const show = useToasts((s) => s.show);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [disableRemoteTls, setDisableRemoteTls] = useState(false);
  const [sudoPassword, setSudoPassword] = useState('');
  const generic = summary?.driverName === 'generic' && summary.error === null;
  // Its docker context (if Berth made one) goes too, unless the user keeps it.
  const context = useOneShot(machine, () => api.invoke('machine.context', { name: machine })).value;
  const [removeContext, setRemoveContext] = useState(true);
  // Folders mounted from it with `berth mount` are unmounted first (said here, before anyone agrees).
  const mounted = useOneShot(machine, () => api.invoke('machine.detail', { name: machine }).then((d) => d.mounts.filter((m) => m.mounted).map((m) => m.local))).value ?? [];

  const remove = async (): Promise<void> => {
    setBusy(true);
    try {
      const { remote } = await api.invoke('machine.remove', {
        name: machine,
        ...(disableRemoteTls ? { disableRemoteTls, ...(sudoPassword ? { sudoPassword } : {}) } : {}),
        ...(removeContext ? {} : { keepContext: true }),
      });
      forget(machine);
      show('info', remote ? `Removed ${machine}; on the host: ${remote}` : `Removed ${machine}`);
      await refresh([]);
      onClose();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Remove ${machine}?`} onClose={onClose}>
      <p>
        Berth deletes the machine&apos;s record, certificates and keys in <code>{summary?.machineDir ?? machine}</code>.
        {summary?.driverName === 'generic' || !summary?.driverName
          ? ' The server itself is not touched: Docker keeps running there.'
          : ` Berth has no "${summary.driverName}" driver, so the machine itself is not deleted: use docker-machine rm for that.`}
      </p>
      {generic && (
        <>
          <label className="block">
            <input type="checkbox" checked={disableRemoteTls} onChange={(e) => setDisableRemoteTls(e.target.checked)} /> Also take Berth&apos;s TLS
            listener off the host (needs the host to answer SSH)
          </label>
          {disableRemoteTls && (
            <Field label="sudo password (if sudo asks for one)" hint="Kept in memory for this run only.">
              {(a) => <input {...a} type="password" autoComplete="off" value={sudoPassword} onChange={(e) => setSudoPassword(e.target.value)} />}
            </Field>
          )}
        </>
      )}
      {mounted.length > 0 && <p>Its mounted folders are unmounted first: {mounted.join(', ')}.</p>}
      {context?.exists && context.ours && (
        <label className="block">
          <input type="checkbox" checked={removeContext} onChange={(e) => setRemoveContext(e.target.checked)} /> Also remove its docker context
          &quot;{machine}&quot;{context.current ? ' (the current one: the docker CLI goes back to its default)' : ''}
        </label>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
          Remove
        </button>
      </div>
    </Dialog>
  );
}

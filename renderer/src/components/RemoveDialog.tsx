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
  // What its driver does to the machine itself, and folders mounted from it with `berth mount` (unmounted
  // first): said here, before anyone agrees. A machine whose record is broken has no detail.
  const detail = useOneShot(machine, () => api.invoke('machine.detail', { name: machine }).catch(() => null)).value;
  const mounted = detail?.mounts.filter((m) => m.mounted).map((m) => m.local) ?? [];
  /** The driver could not delete the machine itself (say, VirtualBox is gone): the record alone may still go. */
  const [failed, setFailed] = useState(false);

  const remove = async (force = false): Promise<void> => {
    setBusy(true);
    try {
      const { remote } = await api.invoke('machine.remove', {
        name: machine,
        ...(disableRemoteTls ? { disableRemoteTls, ...(sudoPassword ? { sudoPassword } : {}) } : {}),
        ...(removeContext ? {} : { keepContext: true }),
        ...(force ? { force: true } : {}),
      });
      forget(machine);
      show('info', remote ? (disableRemoteTls ? `Removed ${machine}; on the host: ${remote}` : `Removed ${machine}. ${remote}`) : `Removed ${machine}`);
      await refresh([]);
      onClose();
    } catch (err) {
      setError((err as Error).message);
      setFailed(!disableRemoteTls);
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Remove ${machine}?`} onClose={onClose}>
      <p>
        Berth deletes the machine&apos;s record, certificates and keys in <code>{summary?.machineDir ?? machine}</code>. {detail?.removal ?? ''}
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
        {failed && (
          <button type="button" className="danger" disabled={busy} onClick={() => void remove(true)}>
            Remove the record only
          </button>
        )}
        <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
          Remove
        </button>
      </div>
    </Dialog>
  );
}

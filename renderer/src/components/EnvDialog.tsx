import { useId, useState } from 'react';
import { ENV_SHELL_LABELS, ENV_SHELLS, type EnvShell } from '../../../shared/types';
import { api } from '../api/client';
import { useSettings } from '../state/settingsStore';
import { copyText } from '../clipboard';
import { useToasts } from '../state/toastStore';
import { useOneShot } from '../state/useOneShot';
import { Dialog } from './Dialog';
import { DockerContextSection } from './DockerContextSection';

interface Props {
  machine: string;
  onClose(): void;
}

/** Shows a machine's env exports for the chosen shell, then copies exactly what is shown. */
export function EnvDialog({ machine, onClose }: Props) {
  // The shell chosen last (Settings keeps it), so a fish user is not asked every time.
  const [shell, setShell] = useState<EnvShell>(() => useSettings.getState().ui.envShell);
  const [unset, setUnset] = useState(false);
  const [noProxy, setNoProxy] = useState(false);
  // The answer is kept with the options it was asked for, so a stale one is never shown or copied.
  const key = `${machine}|${shell}|${unset}|${noProxy}`;
  const show = useToasts((s) => s.show);
  const ids = useId();

  const answer = useOneShot(key, () => api.invoke('machine.env', { name: machine, shell, unset, noProxy }));
  const text = answer.value?.text ?? null;
  const error = answer.error;

  const copy = async (): Promise<void> => {
    if (text === null) return;
    try {
      await copyText(text);
      show('info', `Copied ${ENV_SHELL_LABELS[shell]} env for ${machine}`);
    } catch (err) {
      show('error', `Could not copy to the clipboard: ${(err as Error).message}`);
    }
  };

  return (
    <Dialog title={`Environment for ${machine}`} onClose={onClose} onEnter={() => void copy()}>
      <div className="env-options">
        <label htmlFor={`${ids}-shell`}>Shell</label>
        <select id={`${ids}-shell`} value={shell} onChange={(e) => {
            const next = e.target.value as EnvShell;
            setShell(next);
            void useSettings.getState().change({ envShell: next }).catch(() => undefined);
          }}>
          {ENV_SHELLS.map((s) => (
            <option key={s} value={s}>
              {ENV_SHELL_LABELS[s]}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={unset} onChange={(e) => setUnset(e.target.checked)} /> Unset the variables
        </label>
        <label>
          <input type="checkbox" checked={noProxy} onChange={(e) => setNoProxy(e.target.checked)} /> Add the machine's IP
          to NO_PROXY
        </label>
      </div>
      {error !== null ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : (
        <pre className="env-text" aria-label="Env exports" aria-busy={text === null}>
          {text ?? 'Loading…'}
        </pre>
      )}
      <div className="env-actions">
        <button type="button" className="primary" disabled={text === null} onClick={() => void copy()}>
          Copy to clipboard
        </button>
      </div>
      <DockerContextSection machine={machine} contextLine={answer.value?.contextLine ?? null} />
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

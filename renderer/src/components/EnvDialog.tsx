import { useEffect, useId, useState } from 'react';
import { ENV_SHELL_LABELS, ENV_SHELLS, type EnvShell } from '../../../shared/types';
import { api } from '../api/client';
import { copyText } from '../clipboard';
import { useToasts } from '../state/toastStore';
import { Dialog } from './Dialog';

interface Props {
  machine: string;
  onClose(): void;
}

/** Shows a machine's env exports for the chosen shell, then copies exactly what is shown. */
export function EnvDialog({ machine, onClose }: Props) {
  const [shell, setShell] = useState<EnvShell>('bash');
  const [unset, setUnset] = useState(false);
  const [noProxy, setNoProxy] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = useToasts((s) => s.show);
  const ids = useId();

  useEffect(() => {
    let current = true;
    setText(null);
    api.invoke('machine.env', { name: machine, shell, unset, noProxy }).then(
      (r) => current && (setText(r.text), setError(null)),
      (err: unknown) => current && setError((err as Error).message),
    );
    return () => {
      current = false;
    };
  }, [machine, shell, unset, noProxy]);

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
    <Dialog title={`Environment for ${machine}`} onClose={onClose}>
      <div className="env-options">
        <label htmlFor={`${ids}-shell`}>Shell</label>
        <select id={`${ids}-shell`} value={shell} onChange={(e) => setShell(e.target.value as EnvShell)}>
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
      <div className="dialog-buttons">
        <button type="button" className="primary" disabled={text === null} onClick={() => void copy()}>
          Copy to clipboard
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

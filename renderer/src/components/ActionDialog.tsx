import { useState } from 'react';
import { useProgress } from '../state/progressStore';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { ProgressPanel } from './ProgressPanel';

interface Props {
  machine: string;
  title: string;
  /** Runs the action again, with a sudo password when the first run said it needs one. */
  retry(sudoPassword?: string): void;
  onClose(): void;
}

/** A long action's live progress (restart, regenerate certs, upgrade), with Cancel, and Retry when it fails. */
export function ActionDialog({ machine, title, retry, onClose }: Props) {
  const progress = useProgress((s) => s.byMachine[machine]);
  const [sudoPassword, setSudoPassword] = useState('');
  const [runs, setRuns] = useState(0);
  const needsSudo = progress?.phase === 'failed' && progress.error?.code === 'SUDO_PASSWORD';
  return (
    <Dialog title={title} onClose={onClose}>
      <ProgressPanel key={runs} machine={machine} />
      {needsSudo && (
        <Field label="sudo password" hint="Kept in memory for this run only.">
          {(a) => <input {...a} type="password" autoComplete="off" value={sudoPassword} onChange={(e) => setSudoPassword(e.target.value)} />}
        </Field>
      )}
      <div className="dialog-buttons">
        {progress?.phase === 'failed' && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setRuns((n) => n + 1);
              retry(needsSudo && sudoPassword ? sudoPassword : undefined);
            }}
          >
            Retry
          </button>
        )}
        <button type="button" onClick={onClose}>
          {progress?.phase === 'running' ? 'Hide' : 'Close'}
        </button>
      </div>
    </Dialog>
  );
}

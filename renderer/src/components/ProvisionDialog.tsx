import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { useMachines } from '../state/machinesStore';
import { useProgress } from '../state/progressStore';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { type HostKeyDecision, HostKeyCheck } from './HostKeyCheck';
import { ProgressPanel } from './ProgressPanel';

interface Props {
  machine: string;
  onClose(): void;
}

/**
 * A machine's provisioning: the progress of the one running now or just ended, or else why the last
 * one failed and a Retry that resumes it (asking what it may need: a sudo password, a re-trusted key).
 */
export function ProvisionDialog({ machine, onClose }: Props) {
  const summary = useMachines((s) => s.machines.find((m) => m.name === machine));
  const refresh = useMachines((s) => s.refresh);
  const progress = useProgress((s) => s.byMachine[machine]);
  const run = useProgress((s) => s.run);
  const [sudoPassword, setSudoPassword] = useState('');
  const [hostKey, setHostKey] = useState<HostKeyDecision>({ ready: false });
  const [runs, setRuns] = useState(0);
  const [retrying, setRetrying] = useState(false);
  const probe = useCallback(() => api.invoke('machine.probeHostKey', { name: machine }), [machine]);
  const onDecision = useCallback((d: HostKeyDecision) => setHostKey(d), []);

  const retry = (): void => {
    setRetrying(true);
    setRuns((n) => n + 1);
    const opts = { ...(sudoPassword ? { sudoPassword } : {}), ...(hostKey.accept ? { acceptHostKey: hostKey.accept } : {}) };
    void run(machine, 'Provision', () => api.invoke('machine.provision', { name: machine, ...opts })).then(() => refresh([machine]));
  };

  const showProgress = progress !== undefined && (retrying || progress.phase === 'running' || !summary?.provisionError);
  return (
    <Dialog title={`Provisioning of ${machine}`} onClose={onClose}>
      {showProgress ? (
        <ProgressPanel key={runs} machine={machine} />
      ) : (
        <>
          {summary?.provisionError ? (
            <>
              <p>The last provisioning of {machine} failed. Retry resumes it: steps already done are skipped.</p>
              <pre className="log" role="log" aria-label={`Last provisioning error of ${machine}`}>
                {summary.provisionError}
              </pre>
            </>
          ) : (
            <p>Provision {machine} again: Berth checks each step and redoes only what is missing.</p>
          )}
          <HostKeyCheck target={summary?.ip ?? machine} probe={probe} onDecision={onDecision} />
          <Field label="sudo password (if sudo asks for one)" hint="Kept in memory for this run only.">
            {(a) => <input {...a} type="password" autoComplete="off" value={sudoPassword} onChange={(e) => setSudoPassword(e.target.value)} />}
          </Field>
        </>
      )}
      <div className="dialog-buttons">
        {(!showProgress || progress?.phase === 'failed') && (
          <button type="button" className="primary" disabled={!showProgress && !hostKey.ready} onClick={retry}>
            {showProgress ? 'Retry again' : 'Retry provisioning'}
          </button>
        )}
        {progress?.phase !== 'running' && (
          <button type="button" onClick={onClose}>
            Close
          </button>
        )}
        {progress?.phase === 'running' && (
          <button type="button" onClick={onClose}>
            Hide
          </button>
        )}
      </div>
    </Dialog>
  );
}

import { useState } from 'react';
import { api } from '../api/client';
import { useToasts } from '../state/toastStore';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { SubmitButtons } from './SubmitButtons';

export type FleetKind = 'start' | 'stop' | 'restart' | 'upgrade' | 'provision' | 'run-command';

const WHAT: Record<FleetKind, { title: string; text: string; button: string }> = {
  start: { title: 'Start', text: 'Each machine that its driver can start is started (a local VM boots); a generic host refuses, as docker-machine\u2019s does, with the reason.', button: 'Start' },
  stop: { title: 'Stop', text: 'Each machine that its driver can stop is stopped (a local VM shuts down); a generic host refuses with the reason. Its containers stop.', button: 'Stop' },
  restart: { title: 'Restart', text: 'Each machine reboots (a generic host over SSH; a VM through its driver) and Berth waits until Docker answers again.', button: 'Restart' },
  upgrade: { title: 'Upgrade Docker on', text: 'Each machine gets the newest Docker Engine its source offers; Docker restarts where it changed.', button: 'Upgrade' },
  provision: { title: 'Provision again', text: 'Each machine is provisioned again: what is already right is kept, Docker restarts only where something changed.', button: 'Provision' },
  'run-command': { title: 'Run a command on', text: 'The command runs over SSH on each machine as its SSH user; its output and exit code are each machine\u2019s task.', button: 'Run' },
};

/** A fleet action on the list's selection: one task per machine (4 at a time), followed in the task center as one group. */
export function FleetDialog({ kind, names, onClose, onStarted }: { kind: FleetKind; names: string[]; onClose(): void; onStarted(): void }) {
  const [command, setCommand] = useState('');
  const show = useToasts((s) => s.show);
  const what = WHAT[kind];
  const title = `${what.title} ${names.length} machine${names.length === 1 ? '' : 's'}`;
  const ready = kind !== 'run-command' || command.trim().length > 0;
  const start = (): void => {
    api.invoke('actions.fleet', { kind, names, ...(kind === 'run-command' ? { command: command.trim() } : {}) }).catch((err: Error) => show('error', err.message));
    onStarted();
  };
  return (
    <Dialog title={`${title}?`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) start();
        }}
      >
        <p>{what.text}</p>
        <p className="muted">{names.join(', ')}</p>
        {kind === 'run-command' && (
          <Field label="Command" hint="Run by the machine's login shell, e.g. docker ps --format '{{.Names}}'">
            {(p) => <input {...p} className="mono" value={command} autoComplete="off" spellCheck={false} onChange={(e) => setCommand(e.target.value)} />}
          </Field>
        )}
        <SubmitButtons label={what.button} disabled={!ready} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

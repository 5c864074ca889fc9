import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { nameProblem } from '../files/filesBrowser';
import { useOneShot } from '../state/useOneShot';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { ErrorLine, SubmitButtons } from './SubmitButtons';

/** New folder / Rename: one name, checked as typed, the core's refusal shown in place. */
export function NameDialog({ title, label, initial, submit, onClose }: { title: string; label: string; initial: string; submit(name: string): Promise<unknown>; onClose(): void }) {
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = nameProblem(name);
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    submit(name).then(onClose, (err: Error) => (setError(err.message), setBusy(false)));
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={onSubmit}>
        <Field label={label} problem={name === initial && initial === '' ? undefined : (problem ?? undefined)}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoFocus spellCheck={false} />}
        </Field>
        <ErrorLine error={error} />
        <SubmitButtons label={title.replace(/…$/, '')} busy={busy} disabled={problem !== null} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** A question before something is lost (delete, replace): the destructive button says what it does. */
export function ConfirmDialog({ title, text, label, run, onClose }: { title: string; text: string; label: string; run(): Promise<unknown>; onClose(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    run().then(onClose, (err: Error) => (setError(err.message), setBusy(false)));
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={onSubmit}>
        <p>{text}</p>
        <ErrorLine error={error} />
        <div className="dialog-buttons">
          <button type="submit" className="danger" disabled={busy} aria-busy={busy}>
            {label}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A small text file edited in place; saving refuses a file that changed on the machine since it was opened. */
export function EditFileDialog({ machine, path, onClose }: { machine: string; path: string; onClose(): void }) {
  const opened = useOneShot(`${machine}:${path}`, () => api.invoke('files.readText', { name: machine, path }));
  const file = opened.value;
  // What is being edited (null: the file as read).
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? file?.text ?? '';
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const error = saveError ?? opened.error;
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    api.invoke('files.writeText', { name: machine, path, text, mtime: file.mtime, size: file.size }).then(
      () => onClose(),
      (err: Error) => (setSaveError(err.message), setBusy(false)),
    );
  };
  const dirty = file !== null && text !== file.text;
  return (
    <Dialog title={`Edit ${path}`} onClose={onClose} onEscape={() => (!dirty || window.confirm('Discard your changes to this file?')) && onClose()}>
      <form onSubmit={onSubmit} className="edit-file">
        {file === null && error === null && <p aria-busy="true">Opening…</p>}
        {file !== null && <textarea aria-label={`Content of ${path}`} value={text} onChange={(e) => setDraft(e.target.value)} spellCheck={false} rows={20} />}
        <ErrorLine error={error} />
        <SubmitButtons label="Save" busyLabel="Saving…" busy={busy} disabled={!dirty} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

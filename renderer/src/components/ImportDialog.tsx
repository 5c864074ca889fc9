import { useState } from 'react';
import { machineNameProblem } from '../../../shared/machineName';
import type { BundleEntry, ImportedMachine } from '../../../shared/types';
import { api } from '../api/client';
import { fileAsBase64 } from '../download';
import { useMachines } from '../state/machinesStore';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { ErrorLine, SubmitButtons } from './SubmitButtons';

interface Props {
  onClose(): void;
}

/** What to do with one machine of the bundle: import it under this name, or skip it. */
type Choice = { name: string; skip: boolean };

/**
 * "Import…": a bundle made by Export… or `berth export`, opened with its passphrase; machines whose
 * name is taken here are renamed or skipped (asked, never overwritten); then each is checked live.
 */
export function ImportDialog({ onClose }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [entries, setEntries] = useState<BundleEntry[] | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [results, setResults] = useState<ImportedMachine[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The file as opened: the import sends the same bytes the passphrase was checked on.
  const [data, setData] = useState('');

  const open = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const bytes = await fileAsBase64(file!);
      const { machines } = await api.invoke('machines.inspectBundle', { data: bytes, passphrase });
      setData(bytes);
      setEntries(machines);
      // A taken name gets a suggestion to edit; every other machine keeps its name.
      setChoices(Object.fromEntries(machines.map((m) => [m.name, { name: m.taken ? `${m.name}-imported` : m.name, skip: false }])));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const problemOf = (entry: BundleEntry): string | undefined => {
    const c = choices[entry.name]!;
    if (c.skip) return undefined;
    const invalid = machineNameProblem(c.name);
    if (invalid) return invalid;
    if (c.name === entry.name && entry.taken) return `"${entry.name}" is already a machine here: give it another name or skip it`;
    if (Object.entries(choices).some(([from, o]) => from !== entry.name && !o.skip && o.name === c.name)) return 'Two machines would get this name';
    return undefined;
  };

  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const renames = Object.fromEntries(Object.entries(choices).filter(([from, c]) => !c.skip && c.name !== from).map(([from, c]) => [from, c.name]));
      const skip = Object.entries(choices).filter(([, c]) => c.skip).map(([from]) => from);
      setResults((await api.invoke('machines.import', { data, passphrase, renames, skip })).results);
      // At once, not when the store watcher gets to it.
      void useMachines.getState().refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };


  if (results !== null) {
    return (
      <Dialog title="Import finished" onClose={onClose} onEnter={onClose}>
        <ul className="swarm-results" aria-label="Results by machine">
          {results.map((r) => (
            <li key={r.name}>
              <strong>{r.importedAs ?? r.name}</strong>
              {r.importedAs === null ? ': skipped' : r.importedAs !== r.name ? ` (was ${r.name})` : ''}
              {[r.ssh, r.docker].map((c, i) => c && (
                <div key={i} className={c.ok ? 'ok-text' : 'error-text'}>
                  {c.ok ? '✓' : '✗'} {c.message}
                </div>
              ))}
              {r.warning && <div className="warn-text">{r.warning}</div>}
            </li>
          ))}
        </ul>
        <div className="dialog-buttons">
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Import machines" onClose={onClose}>
      {entries === null ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (file && passphrase && !busy) void open();
          }}
        >
          <Field label="Bundle file" hint="A .berth file made by Export… or berth export.">
            {(p) => <input {...p} type="file" accept=".berth,application/octet-stream" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
          </Field>
          <Field label="Passphrase">
            {(p) => <input {...p} type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
          </Field>
          <ErrorLine error={error} />
          <SubmitButtons label="Open" busyLabel="Opening…" busy={busy} disabled={!file || !passphrase} onCancel={onClose} />
        </form>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy && entries.every((m) => !problemOf(m))) void run();
          }}
        >
          <p className="muted">
            {entries.length} machine{entries.length === 1 ? '' : 's'} in {file?.name}. Each is checked (SSH and Docker over TLS) once it is in this store.
          </p>
          {entries.map((m) => {
            const c = choices[m.name]!;
            const set = (next: Partial<Choice>): void => setChoices({ ...choices, [m.name]: { ...c, ...next } });
            return (
              <fieldset key={m.name} className="import-machine">
                <legend>
                  {m.name} <span className="muted">({m.driverName}{m.url ? `, ${m.url}` : ''})</span>
                </legend>
                <Field label={`Name for ${m.name} in this store`} problem={problemOf(m)}>
                  {(p) => <input {...p} value={c.name} disabled={c.skip} onChange={(e) => set({ name: e.target.value })} />}
                </Field>
                <label className="block">
                  <input type="checkbox" checked={c.skip} onChange={(e) => set({ skip: e.target.checked })} /> Skip {m.name}
                </label>
              </fieldset>
            );
          })}
          <ErrorLine error={error} />
          <SubmitButtons label="Import" busyLabel="Importing…" busy={busy} disabled={entries.some((m) => problemOf(m)) || entries.every((m) => choices[m.name]!.skip)} onCancel={onClose} />
        </form>
      )}
    </Dialog>
  );
}

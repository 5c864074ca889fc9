import { useState } from 'react';
import { api } from '../api/client';
import { downloadBase64 } from '../download';
import { useToasts } from '../state/toastStore';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { ErrorLine, SubmitButtons } from './SubmitButtons';

interface Props {
  names: string[];
  onClose(): void;
}

const MIN_PASSPHRASE = 8;

/**
 * "Export…": the machines sealed with a passphrase into one file (record, certificates, SSH key,
 * pinned host key) that `berth import` or Import… opens on another computer.
 */
export function ExportDialog({ names, onClose }: Props) {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [withCaKey, setWithCaKey] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const show = useToasts((s) => s.show);
  const short = passphrase.length > 0 && passphrase.length < MIN_PASSPHRASE ? `At least ${MIN_PASSPHRASE} characters: the file holds private keys` : undefined;
  const differs = again.length > 0 && again !== passphrase ? 'The passphrases differ' : undefined;
  const ready = passphrase.length >= MIN_PASSPHRASE && again === passphrase;
  const what = names.length === 1 ? names[0]! : `${names.length} machines`;

  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const { fileName, data } = await api.invoke('machines.export', { names, passphrase, withCaKey });
      downloadBase64(fileName, data);
      show('info', `Exported ${what} to ${fileName}`);
      onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Export ${what}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !busy) void run();
        }}
      >
        <p className="muted">
          {names.join(', ')}: the record, client certificate and key, CA certificate, SSH key and pinned host key, encrypted with the passphrase. Import it on another computer with
          Import… or <code>berth import</code>.
        </p>
        <Field label="Passphrase" problem={short}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
        </Field>
        <Field label="Passphrase again" problem={differs}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />}
        </Field>
        <label className="block">
          <input type="checkbox" checked={withCaKey} onChange={(e) => setWithCaKey(e.target.checked)} /> Include the CA key (the new store can then provision and regenerate
          certificates for these machines; whoever has the file can sign certificates their daemons trust)
        </label>
        <ErrorLine error={error} />
        <SubmitButtons label="Export" busyLabel="Exporting…" busy={busy} disabled={!ready} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

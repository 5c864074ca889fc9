import { useState } from 'react';
import type { QemuHostInfo } from '../../../shared/types';
import { api } from '../api/client';
import { Field } from './Field';

/** Where QEMU's tools are when they are not on PATH (a portable install, a build of one's own). */
export function QemuFolder({ info, onChange }: { info: QemuHostInfo; onChange(info: QemuHostInfo): void }) {
  const [dir, setDir] = useState(info.dir ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = (next: string | null): void => {
    setBusy(true);
    setProblem(null);
    api
      .invoke('qemu.setDir', { dir: next })
      .then(onChange, (err: Error) => setProblem(err.message))
      .finally(() => setBusy(false));
  };
  return (
    <details open={Boolean(info.missing)}>
      <summary>QEMU folder{info.dir ? `: ${info.dir}` : ' (PATH)'}</summary>
      <Field label="Folder with qemu-system and qemu-img" problem={problem ?? undefined} hint="Used before PATH, for QEMU installed somewhere of its own.">
        {(a) => <input {...a} type="text" value={dir} placeholder="/opt/qemu/bin" autoComplete="off" spellCheck={false} onChange={(e) => setDir(e.target.value)} />}
      </Field>
      <div className="dialog-buttons">
        {info.dir && (
          <button type="button" disabled={busy} onClick={() => choose(null)}>
            Use PATH only
          </button>
        )}
        <button type="button" disabled={busy || !dir.trim()} onClick={() => choose(dir.trim())}>
          Use this folder
        </button>
      </div>
    </details>
  );
}

import { ArrowUp, File as FileIcon, FileQuestion, Folder, Link2 } from 'lucide-react';
import { type DragEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import type { RemoteEntry } from '../../../shared/types';
import { api } from '../api/client';
import { childOf, formatMode, formatSize, formatTime } from '../files/filesBrowser';
import { filesStoreOf } from '../files/filesStore';
import { droppedItems, pickedItems, type UploadItem } from '../files/transfers';
import { useToasts } from '../state/toastStore';
import { ConfirmDialog, EditFileDialog, NameDialog } from './FileDialogs';
import { HostKeyCheck } from './HostKeyCheck';

type Modal =
  | { kind: 'mkdir' }
  | { kind: 'rename'; entry: RemoteEntry }
  | { kind: 'delete'; entry: RemoteEntry }
  | { kind: 'edit'; path: string }
  | { kind: 'replace'; items: UploadItem[]; message: string }
  | null;

/** The core's limit for files edited in place (1 MiB); bigger ones are downloaded instead. */
const TEXT_LIMIT = 1024 * 1024;

const COLUMNS = [
  ['name', 'Name'],
  ['size', 'Size'],
  ['mtime', 'Modified'],
] as const;

/**
 * A machine's files over SFTP: a path bar, the folder sorted and paged, upload (buttons or a drop
 * from the desktop, folders included), download, new folder, rename, delete, edit small text files.
 * Transfers run as tasks (progress and Cancel in the task center), so the page stays usable.
 */
export function FilesView({ machine }: { machine: string }) {
  const useFiles = filesStoreOf(machine);
  const s = useFiles();
  const show = useToasts((t) => t.show);
  // What is typed in the path bar, for the folder shown when it was typed: a new folder shows its own path.
  const [draft, setDraft] = useState<{ at: string | null; text: string }>({ at: null, text: '' });
  const typed = draft.at === s.path ? draft.text : (s.path ?? '');
  const [modal, setModal] = useState<Modal>(null);
  const [dropping, setDropping] = useState(false);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void useFiles.getState().load();
  }, [useFiles]);
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const fail = (what: string) => (err: Error) => show('error', `${what}: ${err.message}`);
  const sendFiles = (items: UploadItem[], overwrite = false): void => {
    if (items.length === 0) return;
    s.upload(items, overwrite).then(
      () => show('info', `Uploaded ${items.length === 1 ? items[0]!.path : `${items.length} files`} to ${machine}:${s.path}`),
      (err: Error) => (err.message.startsWith('Already there:') ? setModal({ kind: 'replace', items, message: err.message }) : fail('Upload failed')(err)),
    );
  };
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setDropping(false);
    void droppedItems(e.dataTransfer).then((items) => sendFiles(items), fail('Could not read what was dropped'));
  };
  const go = (e: FormEvent): void => {
    e.preventDefault();
    if (typed.trim()) void s.load(typed.trim());
  };

  if (s.error && (s.error.code === 'HOST_KEY_UNTRUSTED' || s.error.code === 'HOST_KEY_CHANGED')) {
    return (
      <section className="files" aria-label={`Files of ${machine}`}>
        <HostKeyCheck target={machine} probe={() => api.invoke('machine.probeHostKey', { name: machine })} onDecision={(d) => d.ready && void s.load(s.path, d.accept)} />
      </section>
    );
  }

  return (
    <section
      className={`files${dropping ? ' files-dropping' : ''}`}
      aria-label={`Files of ${machine}`}
      onDragOver={(e) => (e.preventDefault(), setDropping(true))}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <div className="toolbar files-bar" role="toolbar" aria-label="Files">
        <button type="button" onClick={() => void s.up()} disabled={s.path === '/' || s.path === null} aria-label="Up one folder">
          <ArrowUp aria-hidden size={14} /> Up
        </button>
        <form onSubmit={go} className="files-path">
          <input aria-label="Folder path" value={typed} onChange={(e) => setDraft({ at: s.path, text: e.target.value })} spellCheck={false} />
          <button type="submit">Go</button>
        </form>
        <button type="button" onClick={() => void s.load()} aria-busy={s.loading}>
          Refresh
        </button>
        <label className="check">
          <input type="checkbox" checked={s.hidden} onChange={(e) => void s.showHidden(e.target.checked)} /> Show hidden files
        </label>
        <button type="button" onClick={() => setModal({ kind: 'mkdir' })} disabled={s.path === null}>
          New folder…
        </button>
        <button type="button" onClick={() => filesInput.current?.click()} disabled={s.path === null}>
          Upload files…
        </button>
        <button type="button" onClick={() => folderInput.current?.click()} disabled={s.path === null}>
          Upload folder…
        </button>
        <input ref={filesInput} type="file" multiple hidden aria-label="Files to upload" onChange={(e) => (sendFiles(pickedItems(e.target.files!)), (e.target.value = ''))} />
        <input ref={folderInput} type="file" hidden aria-label="Folder to upload" onChange={(e) => (sendFiles(pickedItems(e.target.files!)), (e.target.value = ''))} />
      </div>
      {s.error && (
        <p role="alert" className="banner-error">
          {s.error.message}
        </p>
      )}
      <p className="muted files-hint">Drop files or folders here to upload them to {s.path ?? 'the home folder'}.</p>
      <div className="table-scroll">
        <table className="files-table" aria-label={`Folder ${s.path ?? ''}`} aria-busy={s.loading}>
          <thead>
            <tr>
              {COLUMNS.map(([key, label]) => (
                <th key={key} scope="col" aria-sort={s.sort === key ? (s.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" className="th-sort" onClick={() => void s.sortBy(key)}>
                    {label}
                  </button>
                </th>
              ))}
              <th scope="col">Permissions</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {s.entries.map((e) => (
              <tr key={e.name}>
                <td className="files-name">
                  {e.kind === 'dir' ? (
                    <button type="button" className="link files-entry" onClick={() => void s.open(e)} aria-label={`Open folder ${e.name}`}>
                      <Folder aria-hidden size={16} /> {e.name}
                      {e.link && <Link2 aria-label="symbolic link" size={14} />}
                    </button>
                  ) : (
                    <span className="files-entry">
                      {e.kind === 'file' ? <FileIcon aria-hidden size={16} /> : <FileQuestion aria-hidden size={16} />} {e.name}
                      {e.link && <Link2 aria-label="symbolic link" size={14} />}
                    </span>
                  )}
                </td>
                <td className="num">{e.kind === 'dir' ? '—' : formatSize(e.size)}</td>
                <td>{formatTime(e.mtime)}</td>
                <td className="mono">{formatMode(e.mode)}</td>
                <td>
                  <div className="row-actions">
                  {e.kind === 'file' && (
                    <button type="button" onClick={() => void s.download(e).catch(fail('Download failed'))} aria-label={`Download ${e.name}`}>
                      Download
                    </button>
                  )}
                  {e.kind === 'file' && e.size <= TEXT_LIMIT && (
                    <button type="button" onClick={() => setModal({ kind: 'edit', path: childOf(s.path ?? '.', e.name) })} aria-label={`Edit ${e.name}`}>
                      Edit
                    </button>
                  )}
                  <button type="button" onClick={() => setModal({ kind: 'rename', entry: e })} aria-label={`Rename ${e.name}`}>
                    Rename
                  </button>
                  <button type="button" className="danger-text" onClick={() => setModal({ kind: 'delete', entry: e })} aria-label={`Delete ${e.name}`}>
                    Delete
                  </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {s.entries.length === 0 && !s.loading && !s.error && <p className="muted">This folder is empty.</p>}
      {s.more > 0 && (
        <button type="button" onClick={() => void s.loadMore().catch(fail('Could not list more'))}>
          Show {Math.min(s.more, 500)} more of {s.more}
        </button>
      )}

      {modal?.kind === 'mkdir' && <NameDialog title="New folder…" label="Folder name" initial="" submit={(n) => s.mkdir(n)} onClose={() => setModal(null)} />}
      {modal?.kind === 'rename' && <NameDialog title={`Rename ${modal.entry.name}…`} label="New name" initial={modal.entry.name} submit={(n) => s.rename(modal.entry, n)} onClose={() => setModal(null)} />}
      {modal?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${modal.entry.name}?`}
          text={modal.entry.kind === 'dir' ? `The folder ${childOf(s.path ?? '', modal.entry.name)} and everything in it are deleted from ${machine}. This cannot be undone.` : `${childOf(s.path ?? '', modal.entry.name)} is deleted from ${machine}. This cannot be undone.`}
          label="Delete"
          run={() => s.remove(modal.entry)}
          onClose={() => setModal(null)}
        />
      )}
      {modal?.kind === 'replace' && (
        <ConfirmDialog title="Replace existing files?" text={`${modal.message}. Uploading replaces them.`} label="Replace" run={async () => sendFiles(modal.items, true)} onClose={() => setModal(null)} />
      )}
      {modal?.kind === 'edit' && <EditFileDialog machine={machine} path={modal.path} onClose={() => (setModal(null), void s.load())} />}
    </section>
  );
}

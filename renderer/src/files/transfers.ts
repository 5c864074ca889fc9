import { api } from '../api/client';
import { bytesToBase64, saveBlob } from '../download';

/** Bytes per IPC chunk: the core's CHUNK (1 MiB; 1.4 MB of base64 fits a browser-host frame). */
const CHUNK = 1024 * 1024;

/** A file to upload and where it goes inside the target folder (`a/b.txt` for a dropped folder's file). */
export interface UploadItem {
  path: string;
  file: Blob;
}

/**
 * Sends files to a machine folder as one task: the core makes the folders and writes each chunk;
 * the task center shows progress and can cancel it (the next chunk then fails with the reason).
 */
export async function upload(machine: string, dir: string, items: UploadItem[], overwrite: boolean): Promise<void> {
  const { id } = await api.invoke('files.uploadBegin', { name: machine, dir, files: items.map((i) => ({ path: i.path, size: i.file.size })), overwrite });
  for (const [index, item] of items.entries()) {
    for (let offset = 0; offset < item.file.size; offset += CHUNK) {
      const bytes = new Uint8Array(await item.file.slice(offset, offset + CHUNK).arrayBuffer());
      await api.invoke('files.uploadChunk', { id, index, offset, data: bytesToBase64(bytes) });
    }
  }
}

/** Fetches a machine's file a chunk at a time and hands it to the browser's (or Electron's) download. */
export async function download(machine: string, path: string): Promise<void> {
  const { id, size, name } = await api.invoke('files.downloadBegin', { name: machine, path });
  const parts: BlobPart[] = [];
  for (let offset = 0; offset < size; ) {
    const { data } = await api.invoke('files.downloadChunk', { id, offset });
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    if (bytes.length === 0) throw new Error(`${machine}:${path} ended early (it shrank on the machine)`);
    parts.push(bytes);
    offset += bytes.length;
  }
  saveBlob(name, new Blob(parts, { type: 'application/octet-stream' }));
}

/** Files dropped on the page, folders walked (Chromium's FileSystemEntry API), each with its path inside the drop. */
export async function droppedItems(dt: DataTransfer): Promise<UploadItem[]> {
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) return [...dt.files].map((file) => ({ path: file.name, file }));
  const out: UploadItem[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ path: `${prefix}${entry.name}`, file });
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries answers in batches until an empty one.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
    }
  };
  for (const e of entries) await walk(e, '');
  return out;
}

/** Files picked with an input (a folder picker gives each its path inside the folder). */
export function pickedItems(files: FileList): UploadItem[] {
  return [...files].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

import type { Channel } from '../../../shared/ipc';
import type { FileTransfers } from '../files/fileTransfers';
import type { RemoteFiles } from '../files/remoteFiles';
import type { MachineService } from '../services/machineService';
import { unmountFolder } from '../services/machineMounts';
import type { Handlers } from './dispatcher';

type FilesChannel = Extract<Channel, `files.${string}` | 'machine.unmount'>;
const done = {} as Record<string, never>;

/** The Files tab's channels: each a call into RemoteFiles or FileTransfers, bytes as base64 on the wire. */
export function filesHandlers(machines: MachineService, files: RemoteFiles, transfers: FileTransfers): Pick<Handlers, FilesChannel> {
  return {
    'files.list': ({ name, path, acceptHostKey, ...o }) => files.list(name, path, o, acceptHostKey),
    'files.mkdir': ({ name, path }) => files.mkdir(name, path).then(() => done),
    'files.rename': ({ name, from, to }) => files.rename(name, from, to).then(() => done),
    'files.remove': ({ name, path }) => files.remove(name, path).then((removed) => ({ removed })),
    'files.readText': ({ name, path }) => files.readText(name, path),
    'files.writeText': ({ name, path, text, mtime, size }) => files.writeText(name, path, text, { mtime, size }),
    'files.uploadBegin': ({ name, dir, files: list, overwrite }) => transfers.beginUpload(name, dir, list, overwrite),
    'files.uploadChunk': ({ id, index, offset, data }) => transfers.uploadChunk(id, index, offset, Buffer.from(data, 'base64')),
    'files.downloadBegin': ({ name, path }) => transfers.beginDownload(name, path),
    'files.downloadChunk': ({ id, offset }) => transfers.downloadChunk(id, offset).then((r) => ({ data: r.data.toString('base64'), finished: r.finished })),
    'machine.unmount': ({ name, local }) => unmountFolder(machines, name, local).then(() => done),
  };
}

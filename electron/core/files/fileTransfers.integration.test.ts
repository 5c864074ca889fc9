import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../../../e2e/hosts/hosts';
import { sshOnlyMachine } from '../../../e2e/hosts/sshMachine';
import { startTestHost, testHosts } from '../../../e2e/hosts/testing';
import { ActionRegistry } from '../actions/actionRegistry';
import { MachineService } from '../services/machineService';
import { CHUNK, FileTransfers } from './fileTransfers';
import { RemoteFiles } from './remoteFiles';

// The Files tab's transfers as tasks, on a real sshd: an upload's chunks land at their offsets and
// the task succeeds; Cancel from the task center ends it as cancelled, deletes the partial file and
// fails the page's next chunk; a download reads back what was written; text edits refuse stale saves.

const ctx = testHosts();

describe.skipIf(!ctx)('file transfers as tasks', () => {
  let host: TestHost;
  let store: string;
  let files: RemoteFiles;
  let registry: ActionRegistry;
  let transfers: FileTransfers;
  const ended: string[] = [];

  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour: 'sshd' });
    store = await mkdtemp(join(tmpdir(), 'berth-transfers-'));
    const machines = new MachineService(store, {});
    await sshOnlyMachine(machines, host, 'm');
    files = new RemoteFiles(machines);
    registry = new ActionRegistry({ started: () => undefined, progress: () => undefined, ended: (a) => ended.push(`${a.kind} ${a.state}`) });
    transfers = new FileTransfers(files, registry);
  });
  afterAll(async () => {
    files?.closeAll();
    await host?.stop();
    await rm(store, { recursive: true, force: true });
  });

  it('an upload in chunks (with a folder and an empty file) succeeds; the download reads the same bytes', async () => {
    const data = randomBytes(CHUNK * 2 + 5);
    const { id } = await transfers.beginUpload('m', '/tmp/up', [{ path: 'dir/a.bin', size: data.length }, { path: 'empty', size: 0 }], false);
    for (let off = 0; off < data.length; off += CHUNK) await transfers.uploadChunk(id, 0, off, data.subarray(off, off + CHUNK));
    expect(registry.get(id)?.state).toBe('succeeded');
    expect(await host.exec('stat -c %s /tmp/up/dir/a.bin /tmp/up/empty')).toBe(`${data.length}\n0\n`);
    await expect(transfers.beginUpload('m', '/tmp/up', [{ path: 'dir/a.bin', size: 1 }], false)).rejects.toThrow('Already there: m:/tmp/up/dir/a.bin');

    const down = await transfers.beginDownload('m', '/tmp/up/dir/a.bin');
    const parts: Buffer[] = [];
    for (let off = 0; off < down.size; ) {
      const { data: chunk } = await transfers.downloadChunk(down.id, off);
      parts.push(chunk);
      off += chunk.length;
    }
    expect(Buffer.concat(parts).equals(data)).toBe(true);
    expect(registry.get(down.id)?.state).toBe('succeeded');
  });

  it('Cancel by the task id: cancelled, the partial file gone, the next chunk refused', async () => {
    const { id } = await transfers.beginUpload('m', '/tmp', [{ path: 'partial.bin', size: CHUNK * 3 }], false);
    await transfers.uploadChunk(id, 0, 0, randomBytes(CHUNK));
    expect(await host.exec('stat -c %s /tmp/partial.bin')).toBe(`${CHUNK}\n`);
    expect(registry.cancel(id)).toBe(true);
    expect(registry.get(id)?.state).toBe('cancelled');
    await expect(transfers.uploadChunk(id, 0, CHUNK, randomBytes(CHUNK))).rejects.toThrow(/has ended/);
    await expect.poll(() => host.exec('test -e /tmp/partial.bin && echo there || echo gone')).toBe('gone\n');
  });

  it('a text file saved in place keeps its mode; a save over a file changed meanwhile is refused', async () => {
    await host.exec("printf 'a=1\\n' > /tmp/conf && chmod 640 /tmp/conf");
    const opened = await files.readText('m', '/tmp/conf');
    expect(opened.text).toBe('a=1\n');
    const saved = await files.writeText('m', '/tmp/conf', 'a=2\n', opened);
    expect(await host.exec('cat /tmp/conf; stat -c %a /tmp/conf')).toBe('a=2\n640\n');
    await host.exec("sleep 1; printf 'changed elsewhere\\n' > /tmp/conf");
    await expect(files.writeText('m', '/tmp/conf', 'a=3\n', saved)).rejects.toThrow('m:/tmp/conf changed on the machine since it was opened');
    await host.exec('head -c 100 /dev/urandom > /tmp/bin');
    await expect(files.readText('m', '/tmp/bin')).rejects.toThrow('m:/tmp/bin is not a UTF-8 text file');
  });
});

import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LifecycleContext } from '../drivers/driver';
import type { MachineRecord } from '../store/machineStore';
import { BerthError } from '../errors';
import { parseChecksum } from './checksums';
import { fetchImage, imageUrl } from './imageCache';

/** What a VM create records of its image: the file (empty until a download is verified), where it came from, its checksum. */
export interface ImageChoice {
  image: string;
  imageSource: string;
  imageChecksum: string;
}

/**
 * A VM create's image (a catalog id, a URL or a local file), checked before anything is made: a
 * local file must be readable, a checksum well-formed. Shared by every driver that boots cloud images.
 */
export async function chooseImage(req: { image: string; imageChecksum?: string }, arch: 'x86_64' | 'aarch64'): Promise<ImageChoice> {
  const url = imageUrl(req.image, arch, process.env.BERTH_IMAGE_MIRROR);
  const sum = req.imageChecksum ? parseChecksum(req.imageChecksum) : null;
  if (req.imageChecksum && !sum) throw new BerthError('INVALID_PAYLOAD', `"${req.imageChecksum}" is not a checksum: give sha256:HEX (64 digits) or sha512:HEX (128 digits)`);
  if (!url) {
    await access(resolve(req.image)).catch(() => {
      throw new BerthError('NOT_FOUND', `The VM image ${resolve(req.image)} does not exist or cannot be read`);
    });
  }
  return { image: url ? '' : resolve(req.image), imageSource: url ?? resolve(req.image), imageChecksum: sum ? `${sum.algorithm}:${sum.hex}` : '' };
}

/**
 * Step "Download the image": the recorded source fetched into the store's cache and verified once
 * (later VMs of the same image reuse it); skipped when the record already names the file. `keep`
 * records the file in the driver's fields.
 */
export async function downloadImageStep(
  record: MachineRecord,
  choice: ImageChoice,
  ctx: Pick<LifecycleContext, 'onProgress' | 'signal'>,
  keep: (image: string) => void,
): Promise<'skipped' | undefined> {
  if (choice.image) return 'skipped';
  const checksum = parseChecksum(choice.imageChecksum);
  const image = await fetchImage(choice.imageSource, {
    cacheDir: join(record.storePath, 'cache'),
    ...(checksum ? { checksum } : {}),
    log: (text) => ctx.onProgress({ machine: record.name, kind: 'log', text }),
    onTransfer: (done, total) => ctx.onProgress({ machine: record.name, kind: 'transfer', step: 'Download the image', done, total }),
    signal: ctx.signal,
  });
  keep(image);
  return undefined;
}

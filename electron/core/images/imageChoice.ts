import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BerthError } from '../errors';
import { parseChecksum } from './checksums';
import { imageUrl } from './imageCache';

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

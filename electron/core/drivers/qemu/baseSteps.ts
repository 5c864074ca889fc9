import { readUi } from '../../settings/appSettings';
import { readBerthMachine } from '../../store/berthMachineFile';
import { qemuFields, qemuRecord } from './record';
import type { MachineRecord } from '../../store/machineStore';
import { vmFiles } from './driver';
import { join, resolve } from 'node:path';
import type { DockerBaseInfo, QemuCreateRequest } from '../../../../shared/types';
import { cachedCopyOf, imageUrl } from '../../images/imageCache';
import { type Base, type BaseWanted, baseInfo, chooseBase, imageIdentity } from './baseCatalog';
import { hostQemuArch } from './qemuCommand';
import { keepDockerBase } from './baseMaking';

/** The two moments of a VM create that touch Docker-ready bases: choosing one for the disk, keeping one after. */

const engineOf = async (record: MachineRecord) => (await readBerthMachine(record)).engineInstall ?? { kind: 'distro' as const };

/** The base for a VM of this image file (its sha256 too, remembered for keeping one later). */
async function baseFor(storePath: string, image: string, want: Omit<BaseWanted, 'imageId'>): Promise<{ imageId: string; base: Base | null }> {
  const imageId = await imageIdentity(storePath, image);
  return { imageId, base: await chooseBase(storePath, { ...want, imageId }, (await readUi(storePath)).baseMaxAgeDays) };
}

/**
 * The file the VM's overlay is made on: the newest Docker-ready base made from the same image, kernel
 * and engine choice (and young enough), else the image itself. Recorded in the driver's fields.
 */
export async function chooseBacking(record: MachineRecord, log: (text: string) => void): Promise<string> {
  const f = qemuFields(record);
  qemuRecord.write(record, { dockerBase: '' });
  if (f.freshEngine) {
    log('Installing Docker from scratch (no Docker-ready base, as asked)\n');
    return f.image;
  }
  const { imageId, base } = await baseFor(record.storePath, f.image, { arch: f.arch, kernel: f.kernel, engine: await engineOf(record) });
  qemuRecord.write(record, { imageId });
  if (!base) return f.image;
  qemuRecord.write(record, { dockerBase: base.disk });
  log(`Using the Docker-ready base ${base.id} (Docker ${base.dockerVersion}, ${base.os}, made from ${base.madeFrom} on ${base.createdAt.slice(0, 10)}): the Engine is not installed again\n`);
  return base.disk;
}

/**
 * The base a create with this request would boot on, said before it starts (the wizard's review,
 * `berth create`): a URL's image is its newest verified copy in the cache (none yet: no base).
 */
export async function previewBase(storePath: string, req: QemuCreateRequest): Promise<DockerBaseInfo | null> {
  if (req.fresh || req.engine.kind === 'keep' || req.engine.kind === 'adopt') return null;
  const arch = hostQemuArch();
  const url = imageUrl(req.image, arch, process.env.BERTH_IMAGE_MIRROR);
  const image = url ? await cachedCopyOf(join(storePath, 'cache'), url) : resolve(req.image);
  if (!image) return null;
  // A local image that is not there (yet): no base; the create itself says what is wrong.
  const found = await baseFor(storePath, image, { arch, kernel: req.kernel ? resolve(req.kernel) : '', engine: req.engine }).catch(() => null);
  return found?.base ? baseInfo(found.base) : null;
}

/**
 * After a VM installed Docker itself, its disk becomes the base of the next VMs of the same image
 * and engine choice. A base that cannot be made is said in the log; the VM is made all the same.
 */
export async function keepBaseAfterCreate(record: MachineRecord, log: (text: string) => void, dockerVersion: string | null): Promise<'skipped' | undefined> {
  const f = qemuFields(record);
  if (f.dockerBase) return 'skipped';
  try {
    const image = f.image;
    const files = vmFiles(record.dir);
    const base = await keepDockerBase({
      record,
      disk: files.disk,
      qmpSocket: files.qmpSocket,
      arch: f.arch,
      image,
      imageId: f.imageId || (await imageIdentity(record.storePath, image)),
      kernel: f.kernel,
      engine: await engineOf(record),
      dockerVersion: dockerVersion ?? '',
      log,
    });
    log(`Kept the Docker-ready base ${base.id}: the next VM of this image and engine choice skips the install\n`);
    return undefined;
  } catch (err) {
    log(`No Docker-ready base was kept: ${(err as Error).message}\n`);
    return 'skipped';
  }
}

import { CLOUD_IMAGE_IDS } from '../../shared/cloudImages';
import type { EngineInstallChoice, EngineOptionsInput } from '../../shared/types';
import { createVirtualboxMachine } from '../core/drivers/virtualbox/create';
import { type FlagSpec, UsageError } from './args';
import type { CommandContext } from './commands';
import { printer } from './longCommand';
import { CREATE_FLAGS, validRequest } from './validate';

/** docker-machine's --virtualbox-* flags Berth takes (CPU, memory, disk), and its own: the cloud image and a host-only interface. */
export const VIRTUALBOX_FLAGS: FlagSpec[] = [
  { names: ['virtualbox-image'], kind: 'string' },
  { names: ['virtualbox-image-checksum'], kind: 'string' },
  { names: ['virtualbox-cpu-count'], kind: 'int' },
  { names: ['virtualbox-memory'], kind: 'int' },
  { names: ['virtualbox-disk-size'], kind: 'int' },
  { names: ['virtualbox-hostonly-interface'], kind: 'string' },
];

const FLAG_OF: Record<string, string> = {
  ...CREATE_FLAGS,
  'request.image': '--virtualbox-image',
  'request.imageChecksum': '--virtualbox-image-checksum',
  'request.cpus': '--virtualbox-cpu-count',
  'request.memoryMb': '--virtualbox-memory',
  'request.diskSizeMb': '--virtualbox-disk-size',
  'request.hostOnlyInterface': '--virtualbox-hostonly-interface',
};

/** `berth create -d virtualbox --virtualbox-image IMAGE NAME`: a VirtualBox VM from a cloud image (not boot2docker, which is gone). */
export async function createVirtualboxFromFlags(ctx: CommandContext, name: string, engine: EngineInstallChoice, engineOptions: EngineOptionsInput): Promise<void> {
  const f = ctx.flags;
  const image = f['virtualbox-image'] as string | undefined;
  if (!image) throw new UsageError(`--virtualbox-image is required: ${CLOUD_IMAGE_IDS.join(', ')}, an http(s) URL of a qcow2 cloud image, or a local file (boot2docker is no longer published)`);
  const { request } = validRequest(
    'machine.createVirtualbox',
    {
      request: {
        name,
        image,
        ...(f['virtualbox-image-checksum'] ? { imageChecksum: f['virtualbox-image-checksum'] as string } : {}),
        // docker-machine's defaults are 1 CPU and 1024 MB for boot2docker; a Debian VM with Docker wants more.
        cpus: (f['virtualbox-cpu-count'] as number | undefined) ?? 2,
        memoryMb: (f['virtualbox-memory'] as number | undefined) ?? 2048,
        diskSizeMb: (f['virtualbox-disk-size'] as number | undefined) ?? 20_000,
        ...(f['virtualbox-hostonly-interface'] ? { hostOnlyInterface: f['virtualbox-hostonly-interface'] as string } : {}),
        engine,
        engineOptions,
      },
    },
    FLAG_OF,
  );
  ctx.out(`Creating VirtualBox VM "${name}" from ${image}...\n`);
  const status = await createVirtualboxMachine(ctx.machines, request, printer(ctx));
  ctx.out(`Docker is up and running: ${status.dockerVersion} at ${status.url}\n`);
  ctx.out(`To see how to connect your Docker Client to the Docker Engine running on this machine, run: berth env ${name}\n`);
}

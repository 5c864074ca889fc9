import { type Channel, type RequestOf, requestSchemas } from '../../shared/ipc';
import { UsageError } from './args';

/**
 * The CLI builds the same requests as the GUI and checks them against the same schemas
 * (shared/ipc.ts) before anything is contacted or written; a refusal names the flag it came from.
 * `flags` maps a request path (`request.port`) to the flag that set it (`--generic-ssh-port`).
 */
export function validRequest<C extends Channel>(channel: C, payload: unknown, flags: Record<string, string>): RequestOf<C> {
  const parsed = requestSchemas[channel].safeParse(payload);
  if (parsed.success) return parsed.data as RequestOf<C>;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String);
  // The most specific mapped prefix: `request.engineOptions.labels.3` is --engine-label.
  let flag: string | undefined;
  for (let n = path.length; n > 0 && !flag; n--) flag = flags[path.slice(0, n).join('.')];
  throw new UsageError(`Error: invalid ${flag ?? path.join('.')}: ${issue.message}`);
}

/** Request paths of the create and upgrade requests → docker-machine's and Berth's flags. */
export const CREATE_FLAGS: Record<string, string> = {
  'request.name': 'machine name',
  'request.host': '--generic-ip-address',
  'request.port': '--generic-ssh-port',
  'request.user': '--generic-ssh-user',
  'request.auth.keyPath': '--generic-ssh-key',
  'request.enginePort': '--generic-engine-port',
  'request.engine.version': '--engine-version',
  'request.engine.channel': '--engine-channel',
  'request.engine': '--engine-install',
  'request.engineOptions.labels': '--engine-label',
  'request.engineOptions.insecureRegistries': '--engine-insecure-registry',
  'request.engineOptions.registryMirrors': '--engine-registry-mirror',
  'request.engineOptions.storageDriver': '--engine-storage-driver',
  'request.engineOptions.env': '--engine-env',
  'request.engineOptions.flags': '--engine-opt',
  'request.extraSans': '--tls-san',
  'request.acceptHostKey': '--accept-host-key',
  'request.image': '--qemu-image',
  'request.imageChecksum': '--qemu-image-checksum',
  'request.kernel': '--qemu-kernel',
  'request.initrd': '--qemu-initrd',
  'request.append': '--qemu-append',
  'request.cpus': '--qemu-cpu-count',
  'request.memoryMb': '--qemu-memory',
  'request.diskSizeMb': '--qemu-disk-size',
  'request.accel': '--qemu-accel',
  'request.url': '--url',
  name: 'machine name',
  'engine.version': '--engine-version',
  'engine.channel': '--engine-channel',
  engine: '--engine-install',
  sudoPassword: '--sudo-password-stdin',
};

/**
 * The requests that create and change machines, as zod schemas, and their TypeScript types derived
 * from them: one definition for the GUI, the CLI and the IPC contract (shared/ipc.ts), never a
 * second hand-written copy.
 */
import { z } from 'zod';
import { MACHINE_NAME_MAX, MACHINE_NAME_PATTERN } from './machineName';

import { ACCELS } from './accels';

export type { Accel } from './accels';

export const machineName = z.string().max(MACHINE_NAME_MAX).regex(MACHINE_NAME_PATTERN, 'invalid machine name');
export const port = z.number().int().min(1).max(65535);
export const fingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'not a SHA256 host key fingerprint');
export const text = z.string().max(4096);
export const terminalId = z.string().regex(/^[0-9a-f]{32}$/, 'not a terminal id');
export const termSize = z.number().int().min(1).max(1000);
export const list = z.array(text).max(100);

/** docker-machine's --engine-* options in the wizard's words (flags: --engine-opt k=v, which becomes --k=v). */
export const engineOptions = z
  .object({ labels: list, insecureRegistries: list, registryMirrors: list, storageDriver: z.string().max(64), env: list, flags: list })
  .strict();

export const engineChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('distro') }).strict(),
  z.object({ kind: z.literal('docker-ce'), channel: z.enum(['stable', 'test']), version: z.string().regex(/^[0-9A-Za-z.~:+-]{1,64}$/).optional() }).strict(),
  z.object({ kind: z.literal('keep') }).strict(),
  /** Adopt the Engine as it runs, with its own TLS set-up: nothing is installed, written or restarted on the host. */
  z.object({ kind: z.literal('adopt') }).strict(),
]);

const filePath = z.string().min(1).max(4096);
/** Client certificate files the daemon already trusts (docker-machine's --tls-ca-cert/--tls-client-cert/--tls-client-key); absent: the store's. */
export const clientTlsPaths = z.object({ caPath: filePath, certPath: filePath, keyPath: filePath }).strict();

/** docker-machine's `create -d none --url tcp://HOST:PORT NAME`: a Docker host added by its URL alone. */
export const noneCreateRequest = z
  .object({
    name: machineName,
    url: z.string().max(300).regex(/^tcp:\/\/(\[[0-9A-Fa-f:.%]+\]|[0-9A-Za-z.-]+):\d{1,5}$/, 'not a Docker URL of the form tcp://HOST:PORT'),
    tls: clientTlsPaths.optional(),
  })
  .strict();

export const genericCreateRequest = z
  .object({
    name: machineName,
    host: z.string().min(1).max(255).regex(/^[^\s/]+$/, 'not a host name or address'),
    port,
    user: z.string().min(1).max(64).regex(/^[a-z_][a-z0-9_.-]*\$?$/i, 'not a user name'),
    auth: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('key'), keyPath: z.string().min(1).max(4096), passphrase: text.optional() }).strict(),
      z.object({ kind: z.literal('password'), password: text }).strict(),
      z.object({ kind: z.literal('agent') }).strict(),
    ]),
    sudoPassword: text.optional(),
    enginePort: port,
    engine: engineChoice,
    engineOptions: engineOptions,
    extraSans: list,
    setHostname: z.boolean(),
    acceptHostKey: fingerprint.optional(),
    /** With engine `adopt`: the client certificate its daemon trusts. */
    tls: clientTlsPaths.optional(),
  })
  .strict();

export const qemuCreateRequest = z
  .object({
    name: machineName,
    image: z.string().min(1).max(4096),
    imageChecksum: z.string().regex(/^(sha256:|sha512:)?[0-9a-fA-F]{64}([0-9a-fA-F]{64})?$/, 'not a checksum (sha256:HEX or sha512:HEX)').optional(),
    kernel: z.string().min(1).max(4096).optional(),
    initrd: z.string().min(1).max(4096).optional(),
    append: z.string().max(4096).optional(),
    cpus: z.number().int().min(1).max(256),
    memoryMb: z.number().int().min(256).max(1_048_576),
    diskSizeMb: z.number().int().min(1024).max(16_777_216),
    accel: z.enum(ACCELS).optional(),
    engine: engineChoice,
    /** Install Docker from scratch even when a Docker-ready base would do (`--qemu-fresh`). */
    fresh: z.boolean().optional(),
    engineOptions: engineOptions,
  })
  .strict();

/** `create -d virtualbox`: a VirtualBox VM from a cloud image, on NAT with loopback forwards (and a host-only card if named). */
export const virtualboxCreateRequest = z
  .object({
    name: machineName,
    image: z.string().min(1).max(4096),
    imageChecksum: z.string().regex(/^(sha256:|sha512:)?[0-9a-fA-F]{64}([0-9a-fA-F]{64})?$/, 'not a checksum (sha256:HEX or sha512:HEX)').optional(),
    cpus: z.number().int().min(1).max(64),
    memoryMb: z.number().int().min(256).max(1_048_576),
    diskSizeMb: z.number().int().min(1024).max(16_777_216),
    /** An existing host-only interface (vboxnet0…) for a second card; VirtualBox ≥ 6.1.28 allows only 192.168.56.0/21 on them. */
    hostOnlyInterface: z.string().regex(/^[\w .:-]{1,64}$/, 'not a network interface name').optional(),
    engine: engineChoice,
    engineOptions: engineOptions,
  })
  .strict();

export type EngineInstallChoice = z.infer<typeof engineChoice>;
export type EngineOptionsInput = z.infer<typeof engineOptions>;
export type GenericCreateRequest = z.infer<typeof genericCreateRequest>;
export type SshAuthChoice = GenericCreateRequest['auth'];
export type QemuCreateRequest = z.infer<typeof qemuCreateRequest>;
export type NoneCreateRequest = z.infer<typeof noneCreateRequest>;
export type VirtualboxCreateRequest = z.infer<typeof virtualboxCreateRequest>;
export type ClientTlsPaths = z.infer<typeof clientTlsPaths>;

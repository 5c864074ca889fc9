import { z } from 'zod';
import { machineName } from '../../../shared/requests';

/**
 * What a machine bundle holds once opened: each machine's docker-machine record, Berth's own file
 * beside it, the files it needs (by their names in a machine directory, base64) and the SSH host key
 * pinned for it. Checked with zod on import: a bundle is input from outside like any other.
 */
export const BUNDLE_FORMAT = 'berth-machines';

const b64 = z.string().max(8_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/** File names a machine directory may receive from a bundle: no paths, nothing outside the directory. */
export const BUNDLE_FILE_NAME = /^(ca|cert|key|server|server-key|ca-key)\.pem$|^id_[a-z0-9]{2,10}(\.pub)?$/;

export const bundledMachine = z
  .object({
    name: machineName,
    driverName: z.string().min(1).max(64),
    /** config.json as it was, parsed; paths in it are rewritten on import. */
    config: z.record(z.string(), z.unknown()),
    /** berth-machine.json's text, when the machine had one. */
    berth: z.string().max(100_000).nullable(),
    files: z.record(z.string().regex(BUNDLE_FILE_NAME, 'not a file a bundle may carry'), b64),
    /** The name of the SSH private key among `files`, if the machine is reached over SSH. */
    sshKeyFile: z.string().regex(BUNDLE_FILE_NAME).nullable(),
    hostKey: z.object({ host: z.string().min(1).max(255), port: z.number().int().min(1).max(65535), key: b64 }).strict().nullable(),
  })
  .strict();
export type BundledMachine = z.infer<typeof bundledMachine>;

export const bundlePayload = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    createdAt: z.string().max(64),
    machines: z.array(bundledMachine).min(1).max(100),
  })
  .strict();
export type BundlePayload = z.infer<typeof bundlePayload>;

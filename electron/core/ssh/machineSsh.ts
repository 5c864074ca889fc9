import { numberField, stringField } from '../store/machineConfig';
import type { MachineRecord } from '../store/machineStore';
import { rebaseStorePath } from '../store/storePaths';
import { knownHostsPath } from './hostKeys';
import { type ConnectOptions, connectSsh, type SshAuth, type SshSession, type SshTarget } from './sshSession';

/** Where a machine's SSH is, from its record (docker-machine's Driver fields), signing in with its own key unless told otherwise. */
export function machineSshTarget(record: MachineRecord, auth?: SshAuth): SshTarget {
  const d = record.config.Driver;
  return {
    host: stringField(d, 'IPAddress'),
    port: numberField(d, 'SSHPort') ?? 22,
    user: stringField(d, 'SSHUser') || 'root',
    // A store that moved (or was copied) still finds its keys, as for the TLS files.
    auth: auth ?? { privateKeyPath: rebaseStorePath(stringField(d, 'SSHKeyPath'), stringField(d, 'StorePath') || undefined, record.storePath) },
  };
}

/**
 * Connects to a machine with its pinned host key. An unknown or changed key is refused unless
 * `acceptHostKey` names exactly the key offered (the user accepted it after seeing it).
 */
export function connectMachine(
  record: MachineRecord,
  opts: { auth?: SshAuth; acceptHostKey?: string; acceptFirstKey?: boolean; user?: string } & Pick<ConnectOptions, 'compress' | 'agentForward'> = {},
): Promise<SshSession> {
  const target = machineSshTarget(record, opts.auth);
  // `scp user@machine:…`: another login on the same machine, with the machine's key.
  return connectSsh(opts.user ? { ...target, user: opts.user } : target, {
    compress: opts.compress,
    agentForward: opts.agentForward,
    knownHostsFile: knownHostsPath(record.storePath),
    // acceptFirstKey: a VM Berth just made, reached on its own loopback forward; a changed key is still refused.
    trustUnknown: async (info) => opts.acceptFirstKey === true || (opts.acceptHostKey !== undefined && info.fingerprint === opts.acceptHostKey),
    acceptFingerprint: opts.acceptHostKey,
  });
}

import { recordedSshKey, recordedSshPort, recordedSshUser } from '../drivers/recordFields';
import { sshHostOf } from '../drivers/records';
import type { MachineRecord } from '../store/machineStore';
import { knownHostsPath } from './hostKeys';
import { type ConnectOptions, connectSsh, type SshAuth, type SshSession, type SshTarget } from './sshSession';

/** Where a machine's SSH is, from its record (docker-machine's Driver fields), signing in with its own key unless told otherwise. */
export function machineSshTarget(record: MachineRecord, auth?: SshAuth): SshTarget {
  return {
    host: sshHostOf(record),
    port: recordedSshPort(record),
    user: recordedSshUser(record),
    auth: auth ?? { privateKeyPath: recordedSshKey(record) },
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

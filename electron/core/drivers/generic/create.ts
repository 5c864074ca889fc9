import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { GenericCreateRequest, MachineStatus } from '../../../../shared/types';
import { BerthError } from '../../errors';
import { adoptedCertSource, machineLocalCerts } from '../../services/adoptMachines';
import { newMachineDir } from '../../services/newMachine';
import type { MachineService } from '../../services/machineService';
import { newMachineKey, saveNewMachine, storeCertsFor } from '../../services/newMachine';
import { engineOptionsOf, type LongActionHooks, provisionRecord } from '../../services/provisioning';
import type { SshAuth, SshSession } from '../../ssh/sshSession';
import { writeFileAtomic } from '../../store/atomicWrite';
import type { MachineRecord } from '../../store/machineStore';
import { copyClientCertsToMachine, type StoreCerts } from '../../tls/certs';
import { newGenericConfig } from './record';

/** Lets the machine's own key in, for hosts reached by password or agent on first contact. */
async function authorizeKey(ssh: SshSession, publicKey: string): Promise<void> {
  const r = await ssh.exec(
    'umask 077; mkdir -p ~/.ssh && touch ~/.ssh/authorized_keys && k="$(cat)" && { grep -qxF "$k" ~/.ssh/authorized_keys || printf "%s\\n" "$k" >> ~/.ssh/authorized_keys; }',
    { stdin: publicKey },
  );
  if (r.code !== 0) throw new BerthError('PROVISION_FAILED', `Cannot add Berth's key to ~/.ssh/authorized_keys on ${ssh.target.host}: ${r.stderr.trim()}`);
}

/**
 * docker-machine's `create -d generic`: the record is saved first (a failed create stays visible
 * and retryable), then the host is provisioned over one SSH connection.
 */
export async function createGenericMachine(machines: MachineService, req: GenericCreateRequest, hooks: LongActionHooks): Promise<MachineStatus> {
  if (req.tls && req.engine.kind !== 'adopt') throw new BerthError('INVALID_PAYLOAD', 'Client certificate files are given only to adopt a running Engine (engine "adopt"); Berth makes its own otherwise');
  const dir = await newMachineDir(machines, req.name);

  // The store keeps its own copy of the key (as docker-machine does); with a password or the agent,
  // Berth makes a key for the machine and authorises it, so later connections need no secret.
  let sshKeyPath: string;
  let originalKey = '';
  let generatedPublicKey: string | null = null;
  if (req.auth.kind === 'key') {
    originalKey = req.auth.keyPath;
    sshKeyPath = join(dir, 'id_rsa');
    let key: Buffer;
    try {
      key = await readFile(req.auth.keyPath);
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw new BerthError('SSH_AUTH', `Cannot read the private key ${req.auth.keyPath}: ${(err as Error).message}`);
    }
    // Never through copyFile: the copy would exist for a moment with the source's (maybe wider) mode.
    await writeFileAtomic(sshKeyPath, key, 0o600);
  } else {
    const key = await newMachineKey(dir, req.name);
    sshKeyPath = key.path;
    generatedPublicKey = key.publicKey;
  }

  // Adopting: the client certificate the daemon already trusts, kept in the machine's directory.
  let paths: StoreCerts;
  if (req.engine.kind === 'adopt') {
    await copyClientCertsToMachine(await adoptedCertSource(machines, req.tls), dir);
    paths = machineLocalCerts(dir);
  } else {
    paths = await storeCertsFor(machines, dir);
  }
  const config = newGenericConfig({
    name: req.name,
    storePath: machines.storePath,
    certs: paths,
    ip: req.host,
    sshUser: req.user,
    sshPort: req.port,
    sshKeyPath,
    originalKey,
    enginePort: req.enginePort,
    engine: engineOptionsOf(req.engineOptions),
    extraSans: req.extraSans,
  });
  const record: MachineRecord = { name: req.name, dir, storePath: machines.storePath, config };
  await saveNewMachine(machines, record, { engineInstall: req.engine, setHostname: req.setHostname });

  const auth: SshAuth =
    req.auth.kind === 'key'
      ? { privateKeyPath: req.auth.keyPath, passphrase: req.auth.passphrase }
      : req.auth.kind === 'password'
        ? { password: req.auth.password }
        : { agent: true };
  const before = async (ssh: SshSession): Promise<void> => {
    if (generatedPublicKey) await authorizeKey(ssh, generatedPublicKey);
  };
  return provisionRecord(machines, { record, auth, opts: { sudoPassword: req.sudoPassword, acceptHostKey: req.acceptHostKey }, before }, hooks);
}


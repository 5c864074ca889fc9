import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newGenericConfig } from '../../electron/core/drivers/generic/record';
import type { MachineService } from '../../electron/core/services/machineService';
import { knownHostsPath } from '../../electron/core/ssh/hostKeys';
import { connectMachine } from '../../electron/core/ssh/machineSsh';
import { probeHostKey } from '../../electron/core/ssh/sshSession';
import { writeFileAtomic } from '../../electron/core/store/atomicWrite';
import type { TestHost } from './hosts';

/**
 * A machine record of a test host reached with the run's key, its host key pinned as a user would
 * after checking it — no provisioning, for tests of what needs SSH only (commands, files).
 */
export async function sshOnlyMachine(machines: MachineService, host: TestHost, name: string, user = 'root'): Promise<void> {
  const store = machines.storePath;
  const dir = machines.store.machineDir(name);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keyPath = join(dir, 'id_rsa');
  await writeFileAtomic(keyPath, await readFile(host.keyPath), 0o600);
  const config = newGenericConfig({ name, storePath: store, ip: host.host, sshUser: user, sshPort: host.port, sshKeyPath: keyPath, originalKey: '', enginePort: host.dockerPort, engine: {}, extraSans: [] });
  await machines.store.save({ name, dir, storePath: store, config });
  const probe = await probeHostKey(host.host, host.port, knownHostsPath(store));
  (await connectMachine(await machines.store.load(name), { acceptHostKey: probe.fingerprint })).close();
}

import type { GenericCreateRequest, MachineStatus, ProgressEvent } from '../../shared/types';
import { createGenericMachine } from '../../electron/core/drivers/generic/create';
import type { MachineService } from '../../electron/core/services/machineService';
import { knownHostsPath } from '../../electron/core/ssh/hostKeys';
import { probeHostKey } from '../../electron/core/ssh/sshSession';
import type { TestHost } from './hosts';

/** What the wizard would send for a test host: root by the run's key, the distribution's Docker, the host's engine port. */
export async function requestFor(host: TestHost, storePath: string, name: string, extra: Partial<GenericCreateRequest> = {}): Promise<GenericCreateRequest> {
  const probe = await probeHostKey(host.host, host.port, knownHostsPath(storePath));
  return {
    name,
    host: host.host,
    port: host.port,
    user: 'root',
    auth: { kind: 'key', keyPath: host.keyPath },
    enginePort: host.dockerPort,
    engine: { kind: 'distro' },
    engineOptions: { labels: [], insecureRegistries: [], registryMirrors: [], storageDriver: '', env: [], flags: [] },
    extraSans: [],
    setHostname: true,
    // First contact: the test trusts the key the host offers, as a user would after checking it.
    acceptHostKey: probe.status === 'pinned' ? undefined : probe.fingerprint,
    ...extra,
  };
}

/** A machine created and provisioned on a test host through the core, as the wizard does it. */
export async function machineOnHost(
  machines: MachineService,
  host: TestHost,
  name: string,
  opts: { extra?: Partial<GenericCreateRequest>; onProgress?: (e: ProgressEvent) => void } = {},
): Promise<MachineStatus> {
  const request = await requestFor(host, machines.storePath, name, opts.extra);
  return createGenericMachine(machines, request, { onProgress: opts.onProgress ?? (() => undefined) });
}

import type { EngineInstallChoice, LifecycleAction, MachineStatus } from '../../../shared/types';
import { capable } from './capable';
import { driverFor } from '../drivers/registry';
import { BerthError } from '../errors';
import { updateBerthMachine } from '../store/berthMachineFile';
import { type LongActionHooks, provisionMachine, type ProvisionOptions } from './provisioning';
import type { MachineService } from './machineService';

export type PowerAction = Extract<LifecycleAction, 'start' | 'stop' | 'restart' | 'kill'>;

/** docker-machine's start/stop/restart/kill, done by the machine's driver. */
export async function powerAction(machines: MachineService, name: string, action: PowerAction, hooks: LongActionHooks & { sudoPassword?: string }): Promise<MachineStatus> {
  const record = await capable(machines, name, action);
  const run = driverFor(record.config.DriverName)[action];
  if (!run) throw new BerthError('INTERNAL', `The ${record.config.DriverName} driver claims "${action}" but has no implementation`);
  const before = JSON.stringify(record.config.Driver);
  try {
    await run(record, { onProgress: hooks.onProgress, signal: hooks.signal, sudoPassword: hooks.sudoPassword });
  } finally {
    // What the driver learnt (a VM's new address after a boot) is kept; only its driver fields are written.
    if (JSON.stringify(record.config.Driver) !== before) await machines.store.update(name, (config) => Object.assign(config.Driver, record.config.Driver));
  }
  return machines.status(name);
}

/** `regenerate-certs`: a new server certificate for the recorded address(es), installed and Docker restarted. */
export async function regenerateCerts(machines: MachineService, name: string, opts: ProvisionOptions, hooks: LongActionHooks): Promise<MachineStatus> {
  await capable(machines, name, 'regenerateCerts');
  return provisionMachine(machines, name, { ...opts, newCert: true }, hooks);
}

export interface UpgradeResult {
  status: MachineStatus;
  before: string;
  after: string;
  message: string;
}

/** `upgrade`: the Engine to the newest of the chosen source (or a chosen Docker CE version), then Docker answers again. */
export async function upgradeMachine(
  machines: MachineService,
  name: string,
  engine: EngineInstallChoice | undefined,
  opts: ProvisionOptions,
  hooks: LongActionHooks,
): Promise<UpgradeResult> {
  await capable(machines, name, 'upgrade');
  if (engine?.kind === 'adopt') throw new BerthError('INVALID_PAYLOAD', `Cannot upgrade "${name}" to an adopted Engine: adopting is chosen when a machine is created`);
  const before = await machines.engineVersion(name).then((v) => v.Version, () => 'unknown');
  // The new choice is the machine's from now on (a later provision keeps it).
  if (engine) await updateBerthMachine(await machines.store.load(name), { engineInstall: engine });
  const status = await provisionMachine(machines, name, { ...opts, upgrade: true }, hooks);
  const after = status.dockerVersion.replace(/^v/, '');
  const message =
    after === before
      ? `Docker Engine on "${name}" is already the newest version its source offers (${after}): nothing to upgrade`
      : `Docker Engine on "${name}" upgraded from ${before} to ${after}`;
  hooks.onProgress({ machine: name, kind: 'log', text: `${message}\n` });
  return { status, before, after, message };
}

import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { MachineService } from '../../electron/core/services/machineService';
import type { MachineRecord } from '../../electron/core/store/machineStore';

/** A copy of a fixture machine under another name, pointed at other ports. */
export async function cloneMachine(machines: MachineService, template: MachineRecord, name: string, sshPort: number, enginePort: number): Promise<void> {
  const dir = join(machines.storePath, 'machines', name);
  await mkdir(dir, { recursive: true });
  await cp(template.dir, dir, { recursive: true });
  const driver = { ...template.config.Driver, MachineName: name, SSHPort: sshPort, EnginePort: enginePort };
  await machines.store.save({ ...template, name, dir, config: { ...template.config, Name: name, Driver: driver } });
}

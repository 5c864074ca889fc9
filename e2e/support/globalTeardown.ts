import { leftoverDriverVms } from '../hosts/vm';

/** A spec that left a VM of the QEMU driver running fails the run (the VM is killed now). */
export default async function teardown(): Promise<void> {
  const vms = await leftoverDriverVms();
  vms.forEach((pid) => process.kill(pid, 'SIGKILL'));
  if (vms.length > 0) throw new Error(`QEMU driver VMs left running by the e2e specs (killed now): pids ${vms.join(' ')}`);
}

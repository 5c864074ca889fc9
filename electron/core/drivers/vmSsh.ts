import { BerthError } from '../errors';
import { connectMachine } from '../ssh/machineSsh';
import type { MachineRecord } from '../store/machineStore';
import type { LifecycleContext } from './driver';
import { setTimeout as sleep } from 'node:timers/promises';

export interface VmSshWait {
  /** null while the VM still runs; otherwise why it is gone (the wait ends with it). */
  gone(): Promise<string | null>;
  /** Wait for cloud-init to finish too (it creates the user and installs nothing Berth needs later otherwise). */
  cloudInit: boolean;
  consoleLog: string;
  timeoutMs: number;
}

/**
 * Step "Wait for SSH" of a local VM (QEMU or VirtualBox): its SSH on the loopback forward accepts the
 * machine's key. The VM is Berth's own (or docker-machine's) on 127.0.0.1, so its first host key is
 * trusted and pinned; a changed one is refused as for any host.
 */
export async function waitForVmSsh(record: MachineRecord, ctx: LifecycleContext, w: VmSshWait): Promise<void> {
  const deadline = Date.now() + w.timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (ctx.signal?.aborted) throw new BerthError('CANCELLED', `Machine "${record.name}": cancelled while booting`);
    const gone = await w.gone();
    if (gone) throw new Error(`${gone} while booting; see ${w.consoleLog}`);
    try {
      const ssh = await connectMachine(record, { acceptFirstKey: true });
      try {
        if (!w.cloudInit) return;
        const r = await ssh.exec('command -v cloud-init >/dev/null || exit 0; cloud-init status --wait >/dev/null 2>&1 || true', { timeoutMs: 120_000 });
        if (r.signal !== 'TIMEOUT') return;
      } finally {
        ssh.close();
      }
    } catch (err) {
      if (err instanceof BerthError && err.code === 'HOST_KEY_CHANGED') throw err;
      last = (err as Error).message;
    }
    await sleep(2000);
  }
  throw new Error(`the VM's SSH did not accept the machine's key within ${w.timeoutMs / 1000} s (${last}); see ${w.consoleLog}`);
}

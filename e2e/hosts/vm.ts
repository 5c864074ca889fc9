import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedFiles } from '../../electron/core/cloudInit/seed';
import { seedIso } from '../../electron/core/cloudInit/seedIso';
import { serveSeed } from '../../electron/core/drivers/qemu/seedServer';
import { run } from './docker';
import { waitForSsh } from './hosts';
import type { TestKey } from './keys';
import { VM_KERNEL_APPEND, type VmImage } from './vmImage';
import { sshRun } from './sshRun';
import { refusingPort } from './zoo';

export const VM_USER = 'docker';
/** QEMU processes of test VMs carry this in their -name, so leftovers can be found and killed. */
export const VM_NAME_PREFIX = 'berth-test-vm';

export interface TestVm {
  host: string;
  sshPort: number;
  user: string;
  keyPath: string;
  consoleLog: string;
  stop(): Promise<void>;
}

/**
 * Boots the test VM image under TCG on a copy-on-write overlay and waits until its seeded key logs in.
 * The seed is served over HTTP (as the QEMU driver does) or, with `seedOnCd`, written by Berth's ISO
 * writer and attached as a CD-ROM (as the VirtualBox driver does).
 */
export async function bootTestVm(opts: { image: VmImage; key: TestKey; runId: string; workDir: string; name: string; timeoutMs?: number; seedOnCd?: boolean }): Promise<TestVm> {
  const dir = join(opts.workDir, opts.name);
  await mkdir(dir, { recursive: true });
  const overlay = join(dir, 'overlay.qcow2');
  await run('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', opts.image.disk, overlay]);
  const files = seedFiles(opts.name, VM_USER, opts.key.publicKey);
  const iso = join(dir, 'seed.iso');
  if (opts.seedOnCd) await writeFile(iso, seedIso(files));
  const seed = opts.seedOnCd ? null : await serveSeed(files);
  const sshPort = await refusingPort();
  const consoleLog = join(dir, 'console.log');
  const qemu: ChildProcess = spawn(
    'qemu-system-x86_64',
    [
      '-name', `${VM_NAME_PREFIX}-${opts.runId}-${opts.name}`,
      '-accel', 'tcg', // KVM exists on these machines but hangs nested guests
      '-m', '1024', '-smp', '2',
      '-kernel', opts.image.kernel, '-initrd', opts.image.initrd,
      '-append', VM_KERNEL_APPEND,
      '-drive', `file=${overlay},if=virtio,format=qcow2`,
      '-netdev', `user,id=net0,hostfwd=tcp:127.0.0.1:${sshPort}-:22`,
      '-device', 'virtio-net-pci,netdev=net0',
      // cloud-init 22.4 (Debian 12) takes an http seed only as "nocloud-net"; newer ones accept it too.
      ...(seed ? ['-smbios', `type=1,serial=ds=nocloud-net;s=${seed.guestUrl}`] : ['-drive', `file=${iso},media=cdrom,readonly=on`]),
      '-serial', `file:${consoleLog}`,
      '-display', 'none', '-no-reboot',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let qemuError = '';
  qemu.stderr!.on('data', (d: Buffer) => (qemuError += d.toString()));
  const exited = new Promise<void>((ok) => qemu.once('exit', () => ok()));
  const stop = async (): Promise<void> => {
    if (qemu.exitCode === null && qemu.signalCode === null) qemu.kill('SIGKILL');
    await exited;
    seed?.close();
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 240_000);
  // sshd answers before cloud-init has created the user: wait until the key is accepted.
  const loggedIn = async (): Promise<void> => {
    await waitForSsh('127.0.0.1', sshPort, deadline - Date.now());
    for (;;) {
      try {
        await sshRun({ host: '127.0.0.1', port: sshPort, username: VM_USER, privateKeyPath: opts.key.privateKeyPath }, 'true');
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`the VM's SSH never accepted the seeded key: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  };
  try {
    await Promise.race([
      loggedIn(),
      exited.then(() => {
        throw new Error(`qemu exited: ${qemuError.trim()}`);
      }),
    ]);
  } catch (err) {
    const tail = (await readFile(consoleLog, 'utf8').catch(() => '')).split('\n').slice(-25).join('\n');
    await stop();
    throw new Error(`${(err as Error).message}\nserial console:\n${tail}`);
  }
  return { host: '127.0.0.1', sshPort, user: VM_USER, keyPath: opts.key.privateKeyPath, consoleLog, stop };
}

/**
 * VMs the QEMU driver made for tests and left running: named `berth-<machine>` with their disk in a
 * store under the temp directory (a user's store never is there), not the helper's test VMs.
 */
export async function leftoverDriverVms(): Promise<number[]> {
  const out = await run('pgrep', ['-af', 'qemu-system']).then(
    (r) => r.stdout,
    () => '',
  );
  return out
    .split('\n')
    .filter((line) => / -name berth-/.test(line) && !line.includes(`-name ${VM_NAME_PREFIX}`) && line.includes(`file=${tmpdir()}/`))
    .map((line) => Number(line.split(' ')[0]));
}

/** QEMU processes of test VMs still running (of one run, or of any). */
export async function leftoverVms(runId?: string): Promise<number[]> {
  const pattern = `${VM_NAME_PREFIX}-${runId ?? ''}`;
  const out = await run('pgrep', ['-f', pattern]).then(
    (r) => r.stdout,
    () => '',
  );
  return out.split('\n').filter(Boolean).map(Number);
}

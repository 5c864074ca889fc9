import { waitForDocker } from '../../docker/waitForDocker';
import { BerthError } from '../../errors';
import { portState } from '../portState';
import { asRoot, detectPrivilege } from '../../provision/privilege';
import { stepper } from '../../provision/steps';
import { connectMachine } from '../../ssh/machineSsh';
import type { MachineRecord } from '../../store/machineStore';
import { clientTlsFiles } from '../../store/machineTls';
import { actionLog, type Driver, type LifecycleContext } from '../driver';
import { dockerUrl, recordedEnginePort, recordedIp, recordedSshPort } from '../recordFields';
import { setTimeout as sleep } from 'node:timers/promises';

/** docker-machine's words first (callers match on them), then why and what to do instead. */
const notOurs = (action: string): string =>
  `generic driver does not support ${action}: a generic machine is an existing server, Berth does not power it on or off. Use Restart to reboot it over SSH`;
const REBOOT_STEPS = ['Reboot', 'Wait for SSH', 'Wait for Docker over TLS'] as const;
const DOWN_TIMEOUT_MS = 90_000;
const UP_TIMEOUT_MS = 300_000;

/** `restart` for a host that is not ours: reboot it over SSH, then wait for SSH and Docker to come back. */
async function reboot(record: MachineRecord, ctx: LifecycleContext): Promise<void> {
  const step = stepper(record.name, REBOOT_STEPS, ctx.onProgress, ctx.signal);
  const log = actionLog(record, ctx);
  await step('Reboot', async () => {
    const ssh = await connectMachine(record);
    try {
      const privilege = await detectPrivilege(ssh, ctx.sudoPassword);
      const can = await ssh.exec('[ -d /run/systemd/system ] && command -v systemctl || command -v reboot');
      if (can.code !== 0) throw new Error(`${ssh.target.host} has neither systemd nor a reboot command`);
      // Detached and delayed, so the command returns before the connection goes down.
      const { command, answer } = asRoot('nohup sh -c "sleep 1; systemctl reboot || reboot" >/dev/null 2>&1 &', privilege);
      // The host may go down before the answer arrives: a lost answer is not a failure.
      const r = await ssh.exec(command, { answer, timeoutMs: 10_000 });
      if (r.code !== null && r.code !== 0) throw new Error(`the reboot command failed (exit ${r.code}): ${r.stderr.trim()}`);
      log(`Rebooting ${ssh.target.host}…\n`);
      const down = await Promise.race([ssh.closed().then(() => true), sleep(DOWN_TIMEOUT_MS).then(() => false)]);
      if (!down) throw new Error(`${ssh.target.host} was still up ${DOWN_TIMEOUT_MS / 1000} s after the reboot command`);
    } finally {
      ssh.close();
    }
  });
  await step('Wait for SSH', async () => {
    const deadline = Date.now() + UP_TIMEOUT_MS;
    let last = '';
    while (Date.now() < deadline) {
      if (ctx.signal?.aborted) throw new BerthError('CANCELLED', `Machine "${record.name}": cancelled while waiting for SSH`);
      try {
        (await connectMachine(record)).close();
        return;
      } catch (err) {
        if (err instanceof BerthError && err.code.startsWith('HOST_KEY')) throw err;
        last = (err as Error).message;
        await sleep(1000);
      }
    }
    throw new Error(`SSH did not come back within ${UP_TIMEOUT_MS / 1000} s (${last})`);
  });
  await step('Wait for Docker over TLS', async () => {
    const url = dockerUrl(recordedIp(record), recordedEnginePort(record))!;
    await waitForDocker(url, clientTlsFiles(record), { timeoutMs: UP_TIMEOUT_MS, signal: ctx.signal, log });
  });
}

/** An existing Linux server reached over SSH; the host is not ours to start or stop. */
export const genericDriver: Driver = {
  name: 'generic',
  capabilities: { start: notOurs('start'), stop: notOurs('stop'), restart: null, kill: notOurs('kill'), provision: null, regenerateCerts: null, upgrade: null, ssh: null },
  ip: recordedIp,
  url: (record) => dockerUrl(recordedIp(record), recordedEnginePort(record)),
  async state(record, timeoutMs) {
    const ip = recordedIp(record);
    if (!ip) return { state: 'Error', error: 'No IP address recorded for this machine', detail: null };
    return portState('SSH', ip, recordedSshPort(record), timeoutMs);
  },
  restart: reboot,
  removal: 'The server itself is not touched: Docker keeps running there.',
};

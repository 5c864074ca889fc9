import type { ActionKind, EngineInstallChoice } from '../../../shared/types';
import { BerthError } from '../errors';
import { type LongActionHooks, provisionMachine } from '../services/provisioning';
import { removeMachine } from '../services/removal';
import { powerAction, regenerateCerts, upgradeMachine } from '../services/lifecycle';
import type { MachineService } from '../services/machineService';
import { capable } from '../services/capable';
import { connectMachine } from '../ssh/machineSsh';

/** What only the user can give again (never kept with an action): the sudo password. */
export interface ActionSecrets {
  sudoPassword?: string;
}

/** An action's outcome line for the task center (a command's exit code, an upgrade's versions). */
export interface RunResult {
  message: string | null;
}

/** Runs a command on a machine over SSH (the fleet's "Run a command"): its output is the action's log, its exit code the result. */
async function runCommand(machines: MachineService, name: string, command: string, h: LongActionHooks): Promise<RunResult> {
  const record = await capable(machines, name, 'ssh');
  const ssh = await connectMachine(record);
  h.onConnected?.(ssh);
  try {
    h.onProgress({ machine: name, kind: 'steps', steps: ['Run the command'] });
    h.onProgress({ machine: name, kind: 'step', step: 'Run the command', state: 'running', elapsedMs: 0 });
    const started = Date.now();
    const r = await ssh.exec(command, { onOutput: (text) => h.onProgress({ machine: name, kind: 'log', text }) });
    const ok = r.code === 0;
    const message = r.code === null ? `ended by signal ${r.signal ?? 'unknown'}` : `exit ${r.code}`;
    h.onProgress({ machine: name, kind: 'step', step: 'Run the command', state: ok ? 'done' : 'failed', elapsedMs: Date.now() - started, ...(ok ? {} : { detail: message }) });
    if (!ok) throw new BerthError('PROVISION_FAILED', `Machine "${name}": the command failed (${message})`);
    return { message };
  } finally {
    ssh.close();
  }
}

/**
 * The service each kind of action runs, from its recorded (non-secret) parameters: Retry runs the
 * same kind again with them, and a fleet action runs one per machine. A failed create is resumed by
 * provisioning (its record is saved first; its steps say where it stopped).
 */
export async function runAction(machines: MachineService, kind: ActionKind, name: string, params: Record<string, unknown>, secrets: ActionSecrets, h: LongActionHooks): Promise<RunResult> {
  const { sudoPassword } = secrets;
  switch (kind) {
    case 'create':
    case 'provision':
      await provisionMachine(machines, name, { sudoPassword }, h);
      return { message: null };
    case 'start':
    case 'stop':
    case 'restart':
    case 'kill':
      await powerAction(machines, name, kind, { ...h, sudoPassword });
      return { message: null };
    case 'regenerate-certs':
      await regenerateCerts(machines, name, { sudoPassword }, h);
      return { message: null };
    case 'upgrade':
      return { message: (await upgradeMachine(machines, name, params.engine as EngineInstallChoice | undefined, { sudoPassword }, h)).message };
    case 'remove':
      await removeMachine(machines, name, { disableRemoteTls: params.disableRemoteTls === true, keepContext: params.keepContext === true, sudoPassword });
      return { message: null };
    case 'run-command':
      if (typeof params.command !== 'string' || !params.command) throw new BerthError('INVALID_PAYLOAD', 'No command to run');
      return runCommand(machines, name, params.command, h);
    case 'upload':
    case 'download':
      throw new BerthError('UNSUPPORTED', 'A transfer is started again from the machine\'s Files tab (the page holds the file)');
  }
}

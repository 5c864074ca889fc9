import { connect } from 'node:net';
import type { MachineState } from '../../../../shared/types';

/** QEMU's run states (query-status) as docker-machine's machine states. */
export function stateFromQmp(status: string): MachineState {
  switch (status) {
    case 'running':
      return 'Running';
    case 'paused':
    case 'suspended':
      return 'Paused';
    case 'prelaunch':
    case 'inmigrate':
    case 'restore-vm':
      return 'Starting';
    case 'shutdown':
    case 'postmigrate':
      return 'Stopping';
    case 'save-vm':
      return 'Saved';
    case 'internal-error':
    case 'io-error':
    case 'guest-panicked':
    case 'watchdog':
      return 'Error';
    default:
      return 'Unknown';
  }
}

/**
 * Runs one QMP command on a VM's monitor socket: greeting, capabilities negotiation, the command,
 * its answer (events in between are skipped).
 */
export function qmp<T = unknown>(socketPath: string, command: string, timeoutMs = 3000, args?: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let buffer = '';
    let step: 'greeting' | 'capabilities' | 'command' = 'greeting';
    const fail = (err: Error): void => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`QMP ${command}: no answer within ${timeoutMs} ms`)));
    socket.on('error', (err) => fail(new Error(`QMP ${command}: ${err.message}`)));
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (!line) continue;
        const msg = JSON.parse(line) as { QMP?: unknown; return?: T; error?: { desc: string }; event?: string };
        if (msg.event) continue;
        if (msg.error) return fail(new Error(`QMP ${command}: ${msg.error.desc}`));
        if (step === 'greeting' && msg.QMP) {
          step = 'capabilities';
          socket.write(`${JSON.stringify({ execute: 'qmp_capabilities' })}\n`);
        } else if (step === 'capabilities' && 'return' in msg) {
          step = 'command';
          socket.write(`${JSON.stringify({ execute: command, ...(args ? { arguments: args } : {}) })}\n`);
        } else if (step === 'command' && 'return' in msg) {
          socket.end();
          resolve(msg.return as T);
        }
      }
    });
  });
}

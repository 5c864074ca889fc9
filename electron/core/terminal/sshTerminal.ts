import { connectMachine } from '../ssh/machineSsh';
import type { MachineRecord } from '../store/machineStore';
import type { SourceEnd, TerminalSource } from './terminalSource';

/**
 * `docker-machine ssh NAME` in a tab: a shell on a remote xterm-256color PTY, over the machine's own
 * key and pinned host key (the same verification as provisioning), with keepalive.
 */
export async function openSshTerminal(
  record: MachineRecord,
  size: { cols: number; rows: number },
  acceptHostKey?: string,
): Promise<TerminalSource> {
  const ssh = await connectMachine(record, { acceptHostKey });
  let channel;
  try {
    channel = await ssh.openChannel(null, size);
  } catch (err) {
    ssh.close();
    throw err;
  }
  let ended = false;
  let exit: { code: number | null; signal: string | null } | null = null;
  const endListeners: ((e: SourceEnd) => void)[] = [];
  const end = (e: SourceEnd): void => {
    if (ended) return;
    ended = true;
    endListeners.forEach((l) => l(e));
  };
  channel.on('exit', (code: number | null, signal?: string) => {
    exit = { code, signal: signal ?? null };
  });
  channel.on('close', () => {
    ssh.close();
    if (exit) end({ reason: 'exited', code: exit.code, message: exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code ?? 0}` });
    else end({ reason: 'disconnected', code: null, message: `The connection to ${ssh.target.host}:${ssh.target.port} dropped` });
  });
  void ssh.closed().then(() =>
    end({ reason: 'disconnected', code: null, message: `The connection to ${ssh.target.host}:${ssh.target.port} dropped` }),
  );

  return {
    title: `${ssh.target.user}@${record.name}`,
    onData: (listener) => {
      channel.on('data', listener);
      channel.stderr.on('data', listener);
    },
    onEnd: (listener) => endListeners.push(listener),
    write: (data) => {
      channel.write(data);
    },
    resize: (cols, rows) => channel.setWindow(rows, cols, 0, 0),
    pause: () => channel.pause(),
    resume: () => channel.resume(),
    close: () => {
      end({ reason: 'closed', code: null, message: 'closed' });
      channel.close();
      ssh.close();
    },
  };
}

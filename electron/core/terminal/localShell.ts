import { basename } from 'node:path';
import type { SourceEnd, TerminalSource } from './terminalSource';

/** The user's login shell: $SHELL on Unix, PowerShell (or cmd) on Windows. */
export function userShell(env: NodeJS.ProcessEnv): { file: string; args: string[] } {
  if (process.platform === 'win32') return { file: 'powershell.exe', args: ['-NoLogo'] };
  return { file: env.SHELL || '/bin/sh', args: ['-l'] };
}

/** The user's environment less Berth's own settings (BERTH_TOKEN, BERTH_QEMU_ACCEL…): they are Berth's, not the shell's. */
export function withoutBerthVars(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('BERTH_')));
}

/** "Open shell with env": a local pty whose environment points docker at the machine. */
export async function openLocalShell(env: NodeJS.ProcessEnv, machineVars: Record<string, string>, size: { cols: number; rows: number }): Promise<TerminalSource> {
  // node-pty (a native addon) loaded with the first Shell tab: the browser host listens without it.
  const pty = await import('node-pty');
  const shell = userShell(env);
  const proc = pty.spawn(shell.file, shell.args, {
    name: 'xterm-256color',
    cols: size.cols,
    rows: size.rows,
    cwd: env.HOME ?? process.cwd(),
    env: { ...withoutBerthVars(env), ...machineVars, TERM: 'xterm-256color' } as Record<string, string>,
  });
  let ended = false;
  const endListeners: ((e: SourceEnd) => void)[] = [];
  const end = (e: SourceEnd): void => {
    if (ended) return;
    ended = true;
    endListeners.forEach((l) => l(e));
  };
  proc.onExit(({ exitCode, signal }) =>
    end({ reason: 'exited', code: exitCode, message: signal ? `${basename(shell.file)} killed by signal ${signal}` : `${basename(shell.file)} exited with code ${exitCode}` }),
  );
  return {
    title: `${basename(shell.file)} (env of ${machineVars.DOCKER_MACHINE_NAME ?? '?'})`,
    onData: (listener) => {
      proc.onData(listener);
    },
    onEnd: (listener) => endListeners.push(listener),
    write: (data) => proc.write(data),
    resize: (cols, rows) => proc.resize(cols, rows),
    pause: () => proc.pause(),
    resume: () => proc.resume(),
    close: () => {
      end({ reason: 'closed', code: null, message: 'closed' });
      proc.kill();
    },
  };
}

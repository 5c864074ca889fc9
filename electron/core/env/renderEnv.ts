import type { EnvShell } from '../../../shared/types';

export interface EnvInput {
  shell: EnvShell;
  unset: boolean;
  machineName: string;
  /** tcp://IP:PORT */
  dockerHost: string;
  /** The machine's directory in the store. */
  certPath: string;
  /** Set with --no-proxy: the variable and its new value. */
  noProxy?: { name: string; value: string };
  /** Windows hosts also get COMPOSE_CONVERT_WINDOWS_PATHS, as docker-machine does there. */
  windows?: boolean;
  /** The command to show in the usage hint, e.g. "berth env --shell fish gen1"; no hint when absent. */
  hintCommand?: string;
}

interface ShellSyntax {
  set(name: string, value: string): string;
  unset(name: string): string;
  /** Comment marker and how to evaluate `cmd` in this shell. */
  hint(cmd: string): [comment: string, line: string];
}

// Escapes that keep a value literal inside the shell's double quotes; docker-machine's ordinary
// values (IPs, paths, names) contain none of these characters, so its bytes are unchanged.
const escapePosix = (v: string): string => v.replace(/[\\"$`]/g, '\\$&');
const escapeFish = (v: string): string => v.replace(/[\\"$]/g, '\\$&');
const escapePowershell = (v: string): string => v.replace(/[`"$]/g, '`$&');
const escapeElisp = (v: string): string => v.replace(/[\\"]/g, '\\$&');
const escapeNu = (v: string): string => v.replace(/[\\"]/g, '\\$&');

const SHELLS: Record<EnvShell, ShellSyntax> = {
  bash: {
    set: (n, v) => `export ${n}="${escapePosix(v)}"`,
    unset: (n) => `unset ${n}`,
    hint: (cmd) => ['#', `eval $(${cmd})`],
  },
  fish: {
    set: (n, v) => `set -gx ${n} "${escapeFish(v)}";`,
    unset: (n) => `set -e ${n};`,
    hint: (cmd) => ['#', `eval (${cmd})`],
  },
  powershell: {
    set: (n, v) => `$Env:${n} = "${escapePowershell(v)}"`,
    unset: (n) => `Remove-Item Env:\\\\${n}`,
    hint: (cmd) => ['#', `& ${cmd} | Invoke-Expression`],
  },
  cmd: {
    set: (n, v) => `SET ${n}=${v}`,
    unset: (n) => `SET ${n}=`,
    hint: (cmd) => ['REM', `\t@FOR /f "tokens=*" %i IN ('${cmd}') DO @%i`],
  },
  tcsh: {
    set: (n, v) => `setenv ${n} "${escapePosix(v)}";`,
    unset: (n) => `unsetenv ${n};`,
    hint: (cmd) => [':', `eval \`${cmd}\``],
  },
  emacs: {
    set: (n, v) => `(setenv "${n}" "${escapeElisp(v)}")`,
    unset: (n) => `(setenv "${n}" nil)`,
    hint: (cmd) => [
      ';;',
      `(with-temp-buffer (shell-command "${escapeElisp(cmd)}" (current-buffer)) (eval-buffer))`,
    ],
  },
  nushell: {
    set: (n, v) => `$env.${n} = "${escapeNu(v)}"`,
    unset: (n) => `hide-env ${n}`,
    // Nushell's `source` needs a file known at parse time, so the hint goes through one.
    hint: (cmd) => ['#', `${cmd} | save -f berth-env.nu; then: source berth-env.nu`],
  },
};

/** The variables that point the docker CLI at a machine, in docker-machine's order. */
export function dockerEnvVars(m: Pick<EnvInput, 'dockerHost' | 'certPath' | 'machineName'>): Array<[string, string]> {
  return [
    ['DOCKER_TLS_VERIFY', '1'],
    ['DOCKER_HOST', m.dockerHost],
    ['DOCKER_CERT_PATH', m.certPath],
    ['DOCKER_MACHINE_NAME', m.machineName],
  ];
}

/**
 * The `env` exports for one machine in one shell. Variable lines are docker-machine 0.16.2's, byte
 * for byte, for the shells it has (bash, fish, powershell, cmd, tcsh, emacs).
 */
export function renderEnv(input: EnvInput): string {
  const syntax = SHELLS[input.shell];
  const vars = dockerEnvVars(input);
  if (input.windows) vars.push(['COMPOSE_CONVERT_WINDOWS_PATHS', 'true']);
  if (input.noProxy) vars.push([input.noProxy.name, input.noProxy.value]);

  const lines = vars.map(([name, value]) => (input.unset ? syntax.unset(name) : syntax.set(name, value)));
  if (input.hintCommand) {
    const [comment, line] = syntax.hint(input.hintCommand);
    // The trailing space after "shell:" is docker-machine's.
    lines.push(`${comment} Run this command to configure your shell: `, `${comment} ${line}`);
  }
  return lines.join('\n') + '\n';
}

/** Points the docker CLI at a machine's context for this shell only (the other way than the exports). */
export function renderContextEnv(shell: EnvShell, contextName: string): string {
  return `${SHELLS[shell].set('DOCKER_CONTEXT', contextName)}\n`;
}

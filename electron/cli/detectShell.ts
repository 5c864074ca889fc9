import { basename } from 'node:path';
import type { EnvShell } from '../../shared/types';

const ALIASES: Record<string, EnvShell> = {
  bash: 'bash',
  zsh: 'bash',
  sh: 'bash',
  ksh: 'bash',
  dash: 'bash',
  fish: 'fish',
  powershell: 'powershell',
  pwsh: 'powershell',
  cmd: 'cmd',
  tcsh: 'tcsh',
  csh: 'tcsh',
  nu: 'nushell',
  nushell: 'nushell',
  emacs: 'emacs',
};

/** A --shell value or $SHELL's name to Berth's shell kind; null when unknown. */
export function shellKind(name: string): EnvShell | null {
  const key = basename(name).replace(/\.exe$/i, '').toLowerCase();
  // Own keys only: "constructor" or "__proto__" are not shells.
  return Object.hasOwn(ALIASES, key) ? ALIASES[key]! : null;
}

/** $SHELL's kind on Unix (bash when unset or unknown); PowerShell on Windows, where $SHELL is rare. */
export function detectShell(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): EnvShell {
  if (env.SHELL) return shellKind(env.SHELL) ?? 'bash';
  return platform === 'win32' ? 'powershell' : 'bash';
}

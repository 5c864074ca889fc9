import type { ForwardSpec } from '../core/ssh/portForward';
import { UsageError } from './args';

export interface SshArgs {
  /** -C */
  compress: boolean;
  /** -A */
  agentForward: boolean;
  /** -N: no command, the connection only carries forwards. */
  noCommand: boolean;
  /** -t (once: when this side has a terminal; twice: always), -T (never); null: ssh's default. */
  tty: 'force' | 'always' | 'never' | null;
  forwards: ForwardSpec[];
  command: string[];
}

/** `[bind_address:]port:host:hostport`, with `[v6]` brackets as OpenSSH allows. */
export function parseForward(kind: 'L' | 'R', spec: string): ForwardSpec {
  const parts = spec.match(/\[[^\]]*\]|[^:]+/g) ?? [];
  if (parts.length !== 3 && parts.length !== 4) throw new UsageError(`Bad -${kind} forwarding specification "${spec}": give [bind_address:]port:host:hostport`);
  const strip = (h: string): string => h.replace(/^\[|\]$/g, '');
  const [bind, port, host, hostPort] = parts.length === 4 ? parts : ['', ...parts];
  const num = (p: string): number => {
    const n = Number(p);
    if (!/^\d+$/.test(p) || n < 1 || n > 65535) throw new UsageError(`Bad -${kind} forwarding specification "${spec}": "${p}" is not a port`);
    return n;
  };
  return { kind, bindHost: strip(bind!) || (kind === 'L' ? '127.0.0.1' : 'localhost'), bindPort: num(port!), host: strip(host!), hostPort: num(hostPort!) };
}

const WITH_VALUE = new Set(['L', 'R']);
const SUPPORTED = 'Berth\'s ssh takes -A, -C, -N, -t, -T, -q, -L and -R';

/**
 * docker-machine's `ssh NAME [--] [ssh options…] [COMMAND…]`: after the machine's name, the options
 * OpenSSH would take, then the remote command. `--` ends the options. Options Berth cannot apply are
 * refused by name instead of being sent to the remote shell.
 */
export function parseSshArgs(argv: string[]): SshArgs {
  const out: SshArgs = { compress: false, agentForward: false, noCommand: false, tty: null, forwards: [], command: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.command = argv.slice(i + 1);
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      out.command = argv.slice(i);
      break;
    }
    // Letters may be grouped (-tt, -CA); a letter with a value takes the rest of the word or the next one.
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      if (WITH_VALUE.has(letter)) {
        const value = arg.slice(j + 1) || argv[++i];
        if (!value) throw new UsageError(`ssh option -${letter} needs a value`);
        out.forwards.push(parseForward(letter as 'L' | 'R', value));
        break;
      }
      if (letter === 'C') out.compress = true;
      else if (letter === 'A') out.agentForward = true;
      else if (letter === 'N') out.noCommand = true;
      else if (letter === 'T') out.tty = 'never';
      else if (letter === 't') out.tty = out.tty === 'force' ? 'always' : 'force';
      else if (letter === 'q') continue; // quiet: Berth's ssh prints nothing of its own anyway
      else throw new UsageError(`ssh option -${letter} is not supported: ${SUPPORTED} (end options with -- to run a command that starts with -)`);
    }
  }
  if (out.noCommand && out.command.length > 0) throw new UsageError('ssh -N takes no command');
  return out;
}

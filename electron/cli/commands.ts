import { renderGoTemplate } from '../core/format/goTemplate';
import { BerthError } from '../core/errors';
import { APP_VERSION } from '../core/services/appInfo';
import type { MachineService } from '../core/services/machineService';
import { alignTabs } from '../core/format/tabwriter';
import { matchesLsFilters, parseLsFilters, renderLs, toLsItem } from '../core/ls/lsTable';
import type { FlagSpec, FlagValues } from './args';
import { UsageError } from './args';
import { detectShell, shellKind } from './detectShell';

export interface CommandContext {
  machines: MachineService;
  flags: FlagValues;
  args: string[];
  /** argv after the program name, echoed in env's usage hint as docker-machine does. */
  argv: string[];
  /** -D/--debug (before the command or among its flags) or MACHINE_DEBUG: remote logs to stderr, stacks of unexpected errors. */
  debug: boolean;
  out(text: string): void;
}

export interface Command {
  flags: FlagSpec[];
  usage: string;
  /** Arguments after the first positional are not parsed as flags (they belong to a remote command). */
  stopAtPositional?: boolean;
  /** Resolves with the exit code, when it is not 0. */
  run(ctx: CommandContext): Promise<void | number>;
}

/** docker-machine's default machine name when a command gets none. */
const DEFAULT_MACHINE = 'default';
const firstName = (ctx: CommandContext): string => ctx.args[0] ?? DEFAULT_MACHINE;
const names = (ctx: CommandContext): string[] => (ctx.args.length > 0 ? ctx.args : [DEFAULT_MACHINE]);
const timeoutFlag: FlagSpec = { names: ['timeout', 't'], kind: 'int' };
/** Longest -t: an hour; a status that takes longer is not an answer. */
const MAX_TIMEOUT_S = 3600;
/**
 * `ls` and `active` wait at most 3 s for a host by default (docker-machine: 10 s). Every row is
 * probed at once, a refusing host answers at once, and a healthy Docker answers in milliseconds on
 * a LAN; only a host that drops packets uses the whole wait, and ten seconds of it at every prompt
 * is what scripts and people complained about. `-t` still sets any other wait.
 */
export const LS_DEFAULT_TIMEOUT_MS = 3000;
function timeoutMs(flags: FlagValues): number {
  if (typeof flags.timeout !== 'number') return LS_DEFAULT_TIMEOUT_MS;
  if (flags.timeout < 1 || flags.timeout > MAX_TIMEOUT_S) {
    throw new UsageError(`Error: -t takes whole seconds from 1 to ${MAX_TIMEOUT_S}, not ${flags.timeout}`);
  }
  return flags.timeout * 1000;
}

/**
 * `url`, `env` and `config` answer, as docker-machine's do, only for a running machine whose Docker
 * takes its certificates (a health check relies on that); `--no-check` prints from the record alone.
 */
const noCheckFlag: FlagSpec = { names: ['no-check'], kind: 'bool' };
const checked = (ctx: CommandContext): boolean => !ctx.flags['no-check'];

export const COMMANDS: Record<string, Command> = {
  ls: {
    usage: 'ls [-q] [--filter key=value]... [-t SECONDS] [-f FORMAT]   List machines',
    flags: [
      { names: ['quiet', 'q'], kind: 'bool' },
      { names: ['filter'], kind: 'list' },
      timeoutFlag,
      { names: ['format', 'f'], kind: 'string' },
    ],
    async run(ctx) {
      const filters = parseLsFilters((ctx.flags.filter as string[] | undefined) ?? []);
      const { machines } = await ctx.machines.listing({ certWarnings: false });
      const loaded = machines.filter((m) => m.error === null).map((m) => m.name);
      const needsStatus = !ctx.flags.quiet || filters.state.length > 0;
      const statuses = needsStatus ? await ctx.machines.statusAll(loaded, { timeoutMs: timeoutMs(ctx.flags) }) : new Map();
      const rows = [];
      for (const summary of machines) {
        const item = toLsItem(summary, statuses.get(summary.name) ?? null);
        const master = summary.swarm.replace(/ \(master\)$/, '');
        if (!matchesLsFilters(item, summary.labels, master, filters)) continue;
        rows.push(item);
      }
      if (ctx.flags.quiet) {
        ctx.out(rows.map((r) => `${r.Name}\n`).join(''));
        return;
      }
      ctx.out(renderLs(rows, (ctx.flags.format as string | undefined) ?? ''));
    },
  },

  env: {
    usage: 'env [--shell SHELL] [-u] [--no-proxy] [--no-check] [NAME]   Print the exports that point docker at a machine',
    flags: [
      { names: ['shell'], kind: 'string' },
      { names: ['unset', 'u'], kind: 'bool' },
      { names: ['no-proxy'], kind: 'bool' },
      { names: ['swarm'], kind: 'bool' },
      noCheckFlag,
    ],
    async run(ctx) {
      if (ctx.flags.swarm) throw new BerthError('UNSUPPORTED', 'Swarm (classic) is not supported by Berth');
      if (ctx.flags.unset && ctx.args.length > 0) throw new UsageError('Error: Expected no machine name when the -u flag is present');
      if (ctx.args.length > 1) throw new UsageError('Error: Expected one machine name as an argument');
      const requested = ctx.flags.shell as string | undefined;
      const shell = requested ? shellKind(requested) : detectShell(process.env, process.platform);
      if (!shell) throw new UsageError(`Unknown shell "${requested}" (bash, zsh, fish, powershell, cmd, tcsh, nushell, emacs)`);
      const opts = { shell, unset: Boolean(ctx.flags.unset), noProxy: Boolean(ctx.flags['no-proxy']) };
      ctx.out(await ctx.machines.env(opts.unset ? null : firstName(ctx), opts, ['berth', ...ctx.argv].join(' '), checked(ctx)));
    },
  },

  inspect: {
    usage: 'inspect [-f FORMAT] [NAME]   Print a machine\'s record (config.json)',
    flags: [{ names: ['format', 'f'], kind: 'string' }],
    async run(ctx) {
      const config = await ctx.machines.inspect(firstName(ctx));
      const format = ctx.flags.format as string | undefined;
      ctx.out(format ? `${renderGoTemplate(format, config)}\n` : `${JSON.stringify(config, null, 4)}\n`);
    },
  },

  ip: {
    usage: 'ip [NAME...]   Print machines\' IP addresses',
    flags: [],
    async run(ctx) {
      for (const name of names(ctx)) ctx.out(`${await ctx.machines.ip(name)}\n`);
    },
  },

  url: {
    usage: 'url [--no-check] [NAME]   Print a machine\'s Docker URL',
    flags: [noCheckFlag],
    async run(ctx) {
      ctx.out(`${await ctx.machines.url(firstName(ctx), checked(ctx))}\n`);
    },
  },

  config: {
    usage: 'config [--no-check] [NAME]   Print the docker flags that reach a machine',
    flags: [noCheckFlag],
    async run(ctx) {
      ctx.out(await ctx.machines.dockerFlags(firstName(ctx), checked(ctx)));
    },
  },

  status: {
    usage: 'status [NAME]   Print a machine\'s state',
    flags: [],
    async run(ctx) {
      ctx.out(`${(await ctx.machines.status(firstName(ctx))).state}\n`);
    },
  },

  active: {
    usage: 'active [-t SECONDS]   Print the machine DOCKER_HOST points at',
    flags: [timeoutFlag],
    async run(ctx) {
      const { machines } = await ctx.machines.listing({ certWarnings: false });
      const dockerHost = process.env.DOCKER_HOST;
      const candidates = machines.filter((m) => m.error === null && m.url !== null && m.url === dockerHost);
      const statuses = await ctx.machines.statusAll(candidates.map((m) => m.name), { timeoutMs: timeoutMs(ctx.flags) });
      const active = [...statuses.values()].find((s) => s.active);
      if (!active) throw new BerthError('NO_ACTIVE', 'No active host found');
      ctx.out(`${active.name}\n`);
    },
  },

  context: {
    usage: 'context NAME [--use] | context --rm NAME | context ls   A docker CLI context for a machine (docker --context NAME …)',
    flags: [
      { names: ['use'], kind: 'bool' },
      { names: ['rm'], kind: 'bool' },
    ],
    async run(ctx) {
      const { machineContext, removeMachineContext, setMachineContext } = await import('../core/services/machineContexts');
      if (ctx.args[0] === 'ls' && ctx.args.length === 1) {
        const { machines } = await ctx.machines.listing({ certWarnings: false });
        const rows = await Promise.all(machines.filter((m) => m.error === null).map((m) => machineContext(ctx.machines, m.name)));
        const state = (c: (typeof rows)[number]): string => (!c.exists ? '-' : !c.ours ? 'not Berth\'s' : c.stale ? `stale (${c.host})` : 'yes');
        ctx.out(alignTabs(['NAME\tCONTEXT\tCURRENT\n', ...rows.map((c) => `${c.name}\t${state(c)}\t${c.current ? '*' : ''}\n`)].join('')));
        return;
      }
      if (ctx.args.length !== 1) throw new UsageError('Error: Expected one machine name as an argument');
      const name = ctx.args[0]!;
      await ctx.machines.record(name); // an unknown machine is refused before the docker CLI's files are touched
      if (ctx.flags.rm) {
        const removed = await removeMachineContext(ctx.machines, name);
        ctx.out(removed ? `Removed docker context "${name}"\n` : `Machine "${name}" has no docker context made by Berth\n`);
        return;
      }
      const c = await setMachineContext(ctx.machines, name, { use: Boolean(ctx.flags.use) });
      ctx.out(`Docker context "${name}": ${c.host} (docker --context ${name} …)\n${c.current ? `Current docker context: ${name}\n` : ''}`);
    },
  },

  version: {
    usage: 'version [NAME]   Print Berth\'s version, or the Docker Engine version of a machine',
    flags: [],
    async run(ctx) {
      if (ctx.args.length === 0) {
        ctx.out(`berth version ${APP_VERSION}\n`);
        return;
      }
      await ctx.machines.url(firstName(ctx), true); // a machine that is not running: "Host is not running"
      ctx.out(`${(await ctx.machines.engineVersion(firstName(ctx))).Version}\n`);
    },
  },
};

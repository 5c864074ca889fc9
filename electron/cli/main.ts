import { BerthError } from '../core/errors';
import { TemplateError } from '../core/format/goTemplate';
import { maskText } from '../core/format/maskSecrets';
import { APP_VERSION } from '../core/services/appInfo';
import { MachineService } from '../core/services/machineService';
import { defaultStorePath } from '../core/store/storePaths';
import { resolve } from 'node:path';
import type { CertFileOverrides } from '../core/tls/certs';
import { type FlagValues, parseArgs, UsageError } from './args';
import { type Command, COMMANDS } from './commands';

/**
 * The commands that change machines (and with them ssh2, certificates, provisioning) are loaded
 * only when one of them runs: `berth env` or `url` in a shell prompt must start like a native tool.
 */
async function allCommands(): Promise<Record<string, Command>> {
  const [{ LIFECYCLE_COMMANDS }, { SSH_COMMAND }, { SWARM_COMMAND }, { BUNDLE_COMMANDS }, { FILES_COMMANDS }, { CACHE_COMMAND }] = await Promise.all([
    import('./lifecycleCommands'),
    import('./sshCommand'),
    import('./swarmCommand'),
    import('./bundleCommands'),
    import('./filesCommands'),
    import('./cacheCommand'),
  ]);
  return { ...COMMANDS, ...LIFECYCLE_COMMANDS, ...BUNDLE_COMMANDS, ...FILES_COMMANDS, ssh: SSH_COMMAND, swarm: SWARM_COMMAND, cache: CACHE_COMMAND };
}

/**
 * docker-machine's global flags, before the command. Callers put them before every call (GitLab
 * Runner: `--bugsnag-api-token=no-report`), so each is accepted: the bug-report token and the GitHub
 * token (boot2docker downloads) are ignored, `--native-ssh` is what Berth always does.
 */
const GLOBAL_FLAGS = [
  { names: ['storage-path', 's'], kind: 'string' as const },
  { names: ['version', 'v'], kind: 'bool' as const },
  { names: ['help', 'h'], kind: 'bool' as const },
  { names: ['debug', 'D'], kind: 'bool' as const },
  { names: ['native-ssh'], kind: 'bool' as const },
  { names: ['bugsnag-api-token'], kind: 'string' as const },
  { names: ['github-api-token'], kind: 'string' as const },
  { names: ['tls-ca-cert'], kind: 'string' as const },
  { names: ['tls-ca-key'], kind: 'string' as const },
  { names: ['tls-client-cert'], kind: 'string' as const },
  { names: ['tls-client-key'], kind: 'string' as const },
];

/** docker-machine reads each global flag from an environment variable too (the flag wins; the store's is defaultStorePath's). */
const FLAG_ENV: Record<string, string> = {
  'tls-ca-cert': 'MACHINE_TLS_CA_CERT',
  'tls-ca-key': 'MACHINE_TLS_CA_KEY',
  'tls-client-cert': 'MACHINE_TLS_CLIENT_CERT',
  'tls-client-key': 'MACHINE_TLS_CLIENT_KEY',
};
const globalFlag = (flags: FlagValues, name: string): string | undefined => (flags[name] as string | undefined) ?? (process.env[FLAG_ENV[name]!] || undefined);

/** The CA and client certificate files given with --tls-* (docker-machine: used instead of the store's certs/). */
function certFiles(flags: FlagValues): CertFileOverrides {
  const given = {
    caPath: globalFlag(flags, 'tls-ca-cert'),
    caKeyPath: globalFlag(flags, 'tls-ca-key'),
    certPath: globalFlag(flags, 'tls-client-cert'),
    keyPath: globalFlag(flags, 'tls-client-key'),
  };
  return Object.fromEntries(Object.entries(given).flatMap(([k, v]) => (v ? [[k, resolve(v)]] : [])));
}
const VALUE_FLAGS = new Set(GLOBAL_FLAGS.filter((f) => f.kind === 'string').flatMap((f) => f.names));

/** -D/--debug, before the command or among its flags: unexpected errors print their stack. */
let debug = false;

function help(all: Record<string, Command>): string {
  const lines = Object.values(all).map((c) => `  berth ${c.usage}`);
  return [
    'Usage: berth [-s STORAGE_PATH] COMMAND [ARGS]',
    '',
    'Manages Docker hosts in docker-machine\'s store ($MACHINE_STORAGE_PATH, default ~/.docker/machine).',
    '',
    'Commands:',
    ...lines,
    '',
  ].join('\n');
}

/** Global flags stand before the command, as in docker-machine. */
function splitGlobal(argv: string[]): { global: string[]; rest: string[] } {
  let i = 0;
  while (i < argv.length && argv[i]!.startsWith('-')) {
    const a = argv[i]!;
    // `--flag value` takes two words, `--flag=value` one.
    i += !a.includes('=') && VALUE_FLAGS.has(a.replace(/^--?/, '')) ? 2 : 1;
  }
  return { global: argv.slice(0, i), rest: argv.slice(i) };
}

export async function runCli(argv: string[], out: (s: string) => void): Promise<number> {
  const { global, rest } = splitGlobal(argv);
  const { flags } = parseArgs(global, GLOBAL_FLAGS);
  debug = Boolean(flags.debug) || Boolean(process.env.MACHINE_DEBUG);
  if (flags.version) {
    out(`berth version ${APP_VERSION}\n`);
    return 0;
  }
  const [name, ...commandArgv] = rest;
  if (!name || flags.help || name === 'help') {
    out(help(await allCommands()));
    return 0;
  }
  // Own keys only: `berth constructor` is an unknown command, not a prototype's function.
  const table = Object.hasOwn(COMMANDS, name) ? COMMANDS : await allCommands();
  const command = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!command) throw new UsageError(`berth: '${name}' is not a berth command. See 'berth help'.`);
  const parsed = parseArgs(commandArgv, command.flags, { stopAtPositional: command.stopAtPositional });
  debug ||= Boolean(parsed.flags.debug);
  const storePath = (flags['storage-path'] as string | undefined) ?? defaultStorePath();
  const machines = new MachineService(storePath, process.env, certFiles(flags));
  return (await command.run({ machines, flags: parsed.flags, args: parsed.args, argv, debug, out })) ?? 0;
}

/** A bug or an error nobody named: one line for scripts and people; the stack with -D. */
function unexpected(err: unknown): string {
  if (debug) return String((err as Error)?.stack ?? err);
  const message = String((err as Error)?.message ?? err).split('\n')[0];
  return `Error: ${message} (run with -D for details)`;
}

runCli(process.argv.slice(2), (s) => process.stdout.write(s)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const known = err instanceof BerthError || err instanceof UsageError || err instanceof TemplateError;
    process.stderr.write(`${maskText(known ? (err as Error).message : unexpected(err))}\n`);
    // Cancelled with Ctrl+C: the shell's code for an interrupted command.
    process.exitCode = err instanceof BerthError && err.code === 'CANCELLED' ? 130 : 1;
  },
);

/** Flag specs in docker-machine's style: `-f x`, `--format x`, `--format=x`, `-format x`. */
export interface FlagSpec {
  names: string[];
  kind: 'bool' | 'string' | 'list' | 'int';
}

export type FlagValues = Record<string, boolean | string | string[] | number | undefined>;

export class UsageError extends Error {}

/**
 * Splits argv into flags (keyed by each spec's first name) and positionals. Flags may come anywhere,
 * unless `stopAtPositional`: then everything from the first positional on is an argument (a remote
 * command's own flags, as in `berth ssh NAME ls -la`).
 */
export function parseArgs(argv: string[], specs: FlagSpec[], opts: { stopAtPositional?: boolean } = {}): { flags: FlagValues; args: string[] } {
  const flags: FlagValues = {};
  const args: string[] = [];
  const byName = new Map<string, FlagSpec>();
  for (const spec of specs) for (const n of spec.names) byName.set(n, spec);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      if (opts.stopAtPositional) {
        args.push(...argv.slice(i));
        break;
      }
      args.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--?/, '');
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`flag provided but not defined: ${arg.split('=')[0]}`);
    const key = spec.names[0]!;
    if (spec.kind === 'bool') {
      flags[key] = eq >= 0 ? arg.slice(eq + 1) !== 'false' : true;
      continue;
    }
    const raw = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (raw === undefined) throw new UsageError(`flag needs an argument: ${arg}`);
    if (spec.kind === 'list') flags[key] = [...((flags[key] as string[] | undefined) ?? []), raw];
    else if (spec.kind === 'int') {
      const n = Number(raw);
      if (!Number.isInteger(n)) throw new UsageError(`invalid value "${raw}" for flag ${arg.split('=')[0]}: not an integer`);
      flags[key] = n;
    } else flags[key] = raw;
  }
  return { flags, args };
}

import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { bundleFileName, exportMachines } from '../core/bundle/bundleExport';
import { importMachines, readBundle } from '../core/bundle/bundleImport';
import { BerthError } from '../core/errors';
import { UsageError } from './args';
import type { Command, CommandContext } from './commands';
import { askHidden, readStdinLine } from './prompt';

/** The passphrase: stdin's first line with --passphrase-stdin, else typed (twice when it makes a new bundle). */
async function passphrase(ctx: CommandContext, confirm: boolean): Promise<string> {
  if (ctx.flags['passphrase-stdin']) return readStdinLine();
  if (!process.stdin.isTTY) throw new UsageError('No terminal to ask for the passphrase on: give it with --passphrase-stdin');
  const first = await askHidden('Passphrase: ');
  if (confirm && (await askHidden('Passphrase again: ')) !== first) throw new UsageError('The passphrases differ: nothing was written');
  return first;
}

function renamesOf(list: string[]): Record<string, string> {
  return Object.fromEntries(
    list.map((r) => {
      const m = /^([^=]+)=([^=]+)$/.exec(r);
      if (!m) throw new UsageError(`--rename takes OLD=NEW, not "${r}"`);
      return [m[1]!, m[2]!];
    }),
  );
}

export const BUNDLE_COMMANDS: Record<string, Command> = {
  export: {
    usage: 'export [-o FILE] [--with-ca-key] [--passphrase-stdin] NAME...   Seal machines (record, certificates, SSH key, host key) into one encrypted file',
    flags: [
      { names: ['output', 'o'], kind: 'string' },
      { names: ['with-ca-key'], kind: 'bool' },
      { names: ['passphrase-stdin'], kind: 'bool' },
    ],
    async run(ctx) {
      if (ctx.args.length === 0) throw new UsageError('Error: expected at least one machine name');
      for (const name of ctx.args) await ctx.machines.record(name); // an unknown name is refused before the passphrase is asked
      const file = resolve((ctx.flags.output as string | undefined) ?? bundleFileName(ctx.args));
      const pass = await passphrase(ctx, true);
      if (!pass) throw new UsageError('An empty passphrase would not protect the keys in the bundle');
      const sealed = await exportMachines(ctx.machines, ctx.args, pass, { withCaKey: Boolean(ctx.flags['with-ca-key']) });
      // Never over an existing file ('wx'), and readable by its owner only: it holds private keys.
      await writeFile(file, sealed, { mode: 0o600, flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
        throw new BerthError('STORE_ERROR', err.code === 'EEXIST' ? `${file} already exists: choose another file with -o` : `Cannot write ${file}: ${err.message}`);
      });
      ctx.out(`Exported ${ctx.args.join(', ')} to ${file}${ctx.flags['with-ca-key'] ? ' (with the CA key)' : ''}\n`);
    },
  },

  import: {
    usage: 'import [--rename OLD=NEW]... [--skip NAME]... [--passphrase-stdin] FILE   Add the machines of an exported file to this store, then check them',
    flags: [
      { names: ['rename'], kind: 'list' },
      { names: ['skip'], kind: 'list' },
      { names: ['passphrase-stdin'], kind: 'bool' },
    ],
    async run(ctx) {
      const [path, ...extra] = ctx.args;
      if (!path || extra.length > 0) throw new UsageError('Error: expected one bundle file');
      const bytes = await readFile(path).catch((err: NodeJS.ErrnoException) => {
        throw new BerthError('NOT_FOUND', `Cannot read ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
      });
      const payload = await readBundle(bytes, await passphrase(ctx, false), basename(path));
      const results = await importMachines(ctx.machines, payload, { renames: renamesOf((ctx.flags.rename as string[] | undefined) ?? []), skip: (ctx.flags.skip as string[] | undefined) ?? [] });
      for (const r of results) {
        if (!r.importedAs) {
          ctx.out(`Skipped "${r.name}"\n`);
          continue;
        }
        ctx.out(`Imported "${r.name}"${r.importedAs !== r.name ? ` as "${r.importedAs}"` : ''}\n`);
        for (const check of [r.ssh, r.docker]) if (check) (check.ok ? ctx.out : (t: string) => process.stderr.write(t))(`  ${check.ok ? 'ok' : 'not reachable'}: ${check.message}\n`);
        if (r.warning) process.stderr.write(`  warning: ${r.warning}\n`);
      }
    },
  },
};

import type { CacheEntry } from '../../shared/types';
import { formatTransfer } from '../../shared/formatTransfer';
import { BerthError } from '../core/errors';
import { alignTabs } from '../core/format/tabwriter';
import { listCache, pruneCache, removeCacheEntry } from '../core/services/cacheInventory';
import { UsageError } from './args';
import type { Command } from './commands';

const USAGE = 'cache ls [-q] | rm NAME... | prune';

/** The cache as a table: what each entry is, its size on disk, and who is made on it. */
export function renderCache(entries: CacheEntry[]): string {
  const rows = entries.map((e) => [e.kind, e.name, formatTransfer(e.sizeBytes, null), e.usedBy.join(', ') || '-', e.modified.slice(0, 10), e.detail].join('\t'));
  return alignTabs(['KIND\tNAME\tSIZE\tUSED BY\tMODIFIED\tWHAT', ...rows].map((l) => `${l}\n`).join(''));
}

/** `berth cache`: VM images, Docker-ready bases and unfinished downloads in the store's cache/. */
export const CACHE_COMMAND: Command = {
  usage: `${USAGE}   List or remove cached VM images and Docker-ready bases`,
  flags: [{ names: ['quiet', 'q'], kind: 'bool' }],
  async run(ctx) {
    const [sub, ...names] = ctx.args;
    if (sub === 'ls' && names.length === 0) {
      const entries = await listCache(ctx.machines);
      ctx.out(ctx.flags.quiet ? entries.map((e) => `${e.name}\n`).join('') : renderCache(entries));
      return;
    }
    if (sub === 'rm' && names.length > 0) {
      // Each name on its own, as `docker rmi` does: one refused does not stop the others; the exit code says so.
      const failed: BerthError[] = [];
      for (const name of names) {
        try {
          const gone = await removeCacheEntry(ctx.machines, name);
          ctx.out(`Removed ${gone.name} (${formatTransfer(gone.sizeBytes, null)})\n`);
        } catch (err) {
          if (!(err instanceof BerthError)) throw err;
          failed.push(err);
        }
      }
      if (failed.length === 1) throw failed[0]!;
      if (failed.length > 1) throw new BerthError('BUSY', failed.map((e) => e.message).join('\n'));
      return;
    }
    if (sub === 'prune' && names.length === 0) {
      const gone = await pruneCache(ctx.machines);
      for (const e of gone) ctx.out(`Removed ${e.kind} ${e.name} (${formatTransfer(e.sizeBytes, null)})\n`);
      ctx.out(`Freed ${formatTransfer(gone.reduce((n, e) => n + e.sizeBytes, 0), null)}; what machines are made on is kept\n`);
      return;
    }
    throw new UsageError(`Usage: berth ${USAGE}`);
  },
};

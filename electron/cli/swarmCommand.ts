import type { SwarmOverview, SwarmRole } from '../../shared/types';
import { BerthError } from '../core/errors';
import { alignTabs } from '../core/format/tabwriter';
import { swarmInit, swarmJoin, swarmLeave, swarmOverview } from '../core/swarm/swarmService';
import { UsageError } from './args';
import type { Command } from './commands';

const USAGE = 'swarm init MANAGER [--advertise-addr ADDR] | join NAME... --manager M [--as worker|manager] | ls MANAGER | leave NAME [--force]';

/** `docker node ls`'s columns plus the machine each node is, then the services. */
export function renderSwarm(o: SwarmOverview): string {
  const nodes = o.nodes.map((n) => [n.id.slice(0, 12), n.hostname, n.machine ?? '-', n.role, n.availability, n.status, n.managerStatus, n.engineVersion].join('\t'));
  let out = alignTabs(['ID\tHOSTNAME\tMACHINE\tROLE\tAVAILABILITY\tSTATUS\tMANAGER STATUS\tENGINE', ...nodes].map((l) => `${l}\n`).join(''));
  if (o.services.length > 0) {
    out += `\n${alignTabs(['SERVICE\tREPLICAS\tNODES', ...o.services.map((s) => `${s.name}\t${s.running}/${s.desired}\t${s.nodes}`)].map((l) => `${l}\n`).join(''))}`;
  }
  return out;
}

function role(value: unknown): SwarmRole {
  if (value === undefined || value === 'worker') return 'worker';
  if (value === 'manager') return 'manager';
  throw new UsageError(`--as is worker or manager, not "${String(value)}"`);
}

/** Swarm mode across machines: init on a manager, join others, list, leave. */
export const SWARM_COMMAND: Command = {
  usage: `${USAGE}   Swarm mode across machines`,
  flags: [
    { names: ['advertise-addr'], kind: 'string' },
    { names: ['manager'], kind: 'string' },
    { names: ['as'], kind: 'string' },
    { names: ['force', 'f'], kind: 'bool' },
  ],
  async run(ctx) {
    const [sub, ...names] = ctx.args;
    const one = (): string => {
      if (names.length !== 1) throw new UsageError(`Error: swarm ${sub} takes one machine name`);
      return names[0]!;
    };
    switch (sub) {
      case 'init': {
        const manager = one();
        const advertiseAddr = ctx.flags['advertise-addr'] as string | undefined;
        ctx.out(renderSwarm(await swarmInit(ctx.machines, manager, advertiseAddr ? { advertiseAddr } : {})));
        return;
      }
      case 'join': {
        const manager = ctx.flags.manager as string | undefined;
        if (!manager) throw new UsageError('Error: swarm join needs --manager MACHINE');
        if (names.length === 0) throw new UsageError('Error: swarm join takes the names of the machines to join');
        const results = await swarmJoin(ctx.machines, names, { manager, role: role(ctx.flags.as) });
        // One line per machine, as docker-machine's commands on several names; non-zero if any failed.
        for (const r of results) ctx.out(`${r.machine}: ${r.ok ? r.message : `error: ${r.message}`}\n`);
        const failed = results.filter((r) => !r.ok).length;
        if (failed > 0) throw new BerthError('PROVISION_FAILED', `${failed} of ${results.length} machines did not join`);
        return;
      }
      case 'ls':
        ctx.out(renderSwarm(await swarmOverview(ctx.machines, one())));
        return;
      case 'leave': {
        const name = one();
        await swarmLeave(ctx.machines, name, { force: Boolean(ctx.flags.force) });
        ctx.out(`"${name}" left the swarm\n`);
        return;
      }
      default:
        throw new UsageError(`Usage: berth ${USAGE}`);
    }
  },
};

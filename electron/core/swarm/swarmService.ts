import type Docker from 'dockerode';
import { isLoopbackAddress } from '../../../shared/addresses';
import type { SwarmJoinResult, SwarmNode, SwarmOverview, SwarmRole } from '../../../shared/types';
import { engineClient } from '../docker/dockerVersion';
import { BerthError } from '../errors';
import type { MachineService } from '../services/machineService';
import { clientTlsFiles } from '../store/machineTls';
import { readBerthMachine, updateBerthMachine } from '../store/berthMachineFile';

/**
 * Swarm mode across machines, over each machine's Docker API with its own TLS certificates (the
 * docker CLI would do the same through `docker swarm …`). A swarm is named after the machine it was
 * initialised on; each member records its swarm and role in berth-machine.json, which the list's
 * SWARM column shows (`swarm-a (manager)`), as docker-machine showed its master.
 */
const TIMEOUT_MS = 20_000;
const SWARM_PORT = 2377;
/** Joins run in parallel, a few at a time. */
const PARALLEL = 4;

async function client(machines: MachineService, name: string): Promise<Docker> {
  const record = await machines.record(name);
  return engineClient(machines.requireUrl(record), clientTlsFiles(record), TIMEOUT_MS);
}

/** A Docker error as one line: the daemon's own message where there is one. */
function dockerMessage(err: unknown): string {
  const e = err as { json?: { message?: string }; reason?: string; message?: string; code?: string };
  return (e.json?.message ?? e.message ?? String(err)).trim().split('\n')[0]!;
}

async function swarmInfo(docker: Docker): Promise<{ nodeId: string; state: string; manager: boolean; nodeAddr: string }> {
  const info = (await docker.info()) as { Swarm?: { NodeID?: string; LocalNodeState?: string; ControlAvailable?: boolean; NodeAddr?: string } };
  const s = info.Swarm ?? {};
  return { nodeId: s.NodeID ?? '', state: s.LocalNodeState ?? 'inactive', manager: s.ControlAvailable === true, nodeAddr: s.NodeAddr ?? '' };
}

/**
 * `docker swarm init` on the manager. The advertise address must be one the other machines reach:
 * a machine recorded at a loopback forward (a local VM, a test host) needs it given.
 */
export async function swarmInit(machines: MachineService, manager: string, opts: { advertiseAddr?: string } = {}): Promise<SwarmOverview> {
  const ip = await machines.ip(manager);
  const advertise = opts.advertiseAddr ?? ip;
  if (!opts.advertiseAddr && isLoopbackAddress(ip)) {
    throw new BerthError('INVALID_NAME', `"${manager}" is recorded at ${ip}, a loopback forward the other machines cannot reach: give the address they reach it at (--advertise-addr)`);
  }
  const docker = await client(machines, manager);
  const info = await swarmInfo(docker).catch((err: unknown) => {
    throw new BerthError('UNREACHABLE', `"${manager}": Docker did not answer: ${dockerMessage(err)}`);
  });
  if (info.state !== 'inactive') throw new BerthError('INVALID_NAME', `"${manager}" is already in a swarm (node ${info.nodeId}): leave it first`);
  try {
    await docker.swarmInit({ ListenAddr: `0.0.0.0:${SWARM_PORT}`, AdvertiseAddr: advertise });
  } catch (err) {
    throw new BerthError('PROVISION_FAILED', `"${manager}": swarm init failed: ${dockerMessage(err)}`);
  }
  await updateBerthMachine(await machines.record(manager), { swarm: { name: manager, role: 'manager' } });
  return swarmOverview(machines, manager);
}

/** "Create swarm" from a multi-selection: init on the manager, then the others join; every machine's outcome. */
export async function createSwarm(
  machines: MachineService,
  req: { manager: string; advertiseAddr?: string; members: string[]; role: SwarmRole },
): Promise<{ overview: SwarmOverview; results: SwarmJoinResult[] }> {
  await swarmInit(machines, req.manager, req.advertiseAddr ? { advertiseAddr: req.advertiseAddr } : {});
  const others = req.members.filter((m) => m !== req.manager);
  const joined = others.length > 0 ? await swarmJoin(machines, others, { manager: req.manager, role: req.role }) : [];
  const results = [{ machine: req.manager, ok: true, message: `initialised the swarm ${req.manager} as its manager` }, ...joined];
  return { overview: await swarmOverview(machines, req.manager), results };
}

/** Runs `work` on every item, at most `limit` at once, keeping the order of the results. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * `docker swarm join` on each machine with the manager's token for the role. Every machine gets a
 * result of its own (joined, or why not); nothing half-joined goes unreported.
 */
export async function swarmJoin(machines: MachineService, names: string[], opts: { manager: string; role: SwarmRole }): Promise<SwarmJoinResult[]> {
  const managerDocker = await client(machines, opts.manager);
  const managerInfo = await swarmInfo(managerDocker).catch((err: unknown) => {
    throw new BerthError('UNREACHABLE', `Manager "${opts.manager}": Docker did not answer: ${dockerMessage(err)}`);
  });
  if (!managerInfo.manager) throw new BerthError('INVALID_NAME', `"${opts.manager}" is not a swarm manager`);
  const tokens = ((await managerDocker.swarmInspect()) as { JoinTokens: { Worker: string; Manager: string } }).JoinTokens;
  const swarmName = (await readBerthMachine(await machines.record(opts.manager))).swarm?.name ?? opts.manager;
  const remote = `${managerInfo.nodeAddr}:${SWARM_PORT}`;
  return inParallel(names, PARALLEL, async (name): Promise<SwarmJoinResult> => {
    try {
      const docker = await client(machines, name);
      const info = await swarmInfo(docker).catch((err: unknown) => {
        throw new Error(`Docker did not answer: ${dockerMessage(err)}`);
      });
      if (info.state !== 'inactive') {
        // A worker's Docker does not say which cluster it is in; the manager's node list does.
        const members = ((await managerDocker.listNodes()) as Array<{ ID: string }>).map((n) => n.ID);
        throw new Error(members.includes(info.nodeId) ? 'already in this swarm' : `already in another swarm (node ${info.nodeId}): leave it first`);
      }
      await docker.swarmJoin({ ListenAddr: `0.0.0.0:${SWARM_PORT}`, RemoteAddrs: [remote], JoinToken: opts.role === 'manager' ? tokens.Manager : tokens.Worker }).catch((err: unknown) => {
        throw new Error(`cannot join the swarm at ${remote}: ${dockerMessage(err)}`);
      });
      await updateBerthMachine(await machines.record(name), { swarm: { name: swarmName, role: opts.role } });
      return { machine: name, ok: true, message: `joined ${swarmName} as ${opts.role}` };
    } catch (err) {
      return { machine: name, ok: false, message: (err as Error).message };
    }
  });
}

/** `docker swarm leave` (force: a manager too); the machine's recorded membership goes. */
export async function swarmLeave(machines: MachineService, name: string, opts: { force?: boolean } = {}): Promise<void> {
  const docker = await client(machines, name);
  try {
    await docker.swarmLeave({ force: opts.force === true });
  } catch (err) {
    throw new BerthError('PROVISION_FAILED', `"${name}": cannot leave the swarm: ${dockerMessage(err)}`);
  }
  await updateBerthMachine(await machines.record(name), { swarm: undefined });
}

/** Which store machine each swarm node is, by the node id its Docker reports. */
async function machinesByNode(machines: MachineService): Promise<Map<string, string>> {
  const { machines: all } = await machines.listing({ certWarnings: false });
  const pairs = await Promise.all(
    all
      .filter((m) => m.error === null && m.url !== null)
      .map(async (m) => {
        const docker = await engineClient(m.url!, clientTlsFiles(await machines.record(m.name)), 3000).catch(() => null);
        const info = docker ? await swarmInfo(docker).catch(() => null) : null;
        return info?.nodeId ? ([info.nodeId, m.name] as const) : null;
      }),
  );
  return new Map(pairs.filter((p) => p !== null));
}

interface RawNode {
  ID: string;
  Spec: { Role: SwarmRole; Availability: string };
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string } };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string };
}

/** The swarm as its manager sees it: nodes (with their machines) and services with replicas. */
export async function swarmOverview(machines: MachineService, manager: string): Promise<SwarmOverview> {
  const docker = await client(machines, manager);
  const [nodes, services, tasks, byNode] = await Promise.all([
    docker.listNodes() as Promise<RawNode[]>,
    docker.listServices() as Promise<Array<{ ID: string; Spec: { Name: string; Mode?: { Replicated?: { Replicas?: number }; Global?: object } } }>>,
    docker.listTasks() as Promise<Array<{ ServiceID: string; NodeID?: string; Status?: { State?: string }; DesiredState?: string }>>,
    machinesByNode(machines),
  ]).catch((err: unknown) => {
    throw new BerthError('UNREACHABLE', `"${manager}": cannot read the swarm: ${dockerMessage(err)}`);
  });
  return {
    manager,
    nodes: nodes.map(
      (n): SwarmNode => ({
        id: n.ID,
        hostname: n.Description?.Hostname ?? '',
        machine: byNode.get(n.ID) ?? null,
        role: n.Spec.Role,
        availability: n.Spec.Availability,
        status: n.Status?.State ?? 'unknown',
        managerStatus: n.ManagerStatus ? (n.ManagerStatus.Leader ? 'Leader' : (n.ManagerStatus.Reachability ?? '')) : '',
        engineVersion: n.Description?.Engine?.EngineVersion ?? '',
      }),
    ),
    services: services.map((s) => {
      const own = tasks.filter((t) => t.ServiceID === s.ID);
      const running = own.filter((t) => t.Status?.State === 'running').length;
      const desired = s.Spec.Mode?.Replicated?.Replicas ?? own.filter((t) => t.DesiredState === 'running').length;
      return { name: s.Spec.Name, running, desired, nodes: [...new Set(own.filter((t) => t.Status?.State === 'running').map((t) => t.NodeID ?? ''))].length };
    }),
  };
}

/** promote/demote (role) and drain/activate (availability) of a node, through a manager. */
export async function updateSwarmNode(
  machines: MachineService,
  manager: string,
  nodeId: string,
  change: { role?: SwarmRole; availability?: 'active' | 'pause' | 'drain' },
): Promise<SwarmOverview> {
  const docker = await client(machines, manager);
  const node = docker.getNode(nodeId);
  try {
    const current = (await node.inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> };
    await node.update({ _query: { version: current.Version.Index }, _body: { ...current.Spec, ...(change.role ? { Role: change.role } : {}), ...(change.availability ? { Availability: change.availability } : {}) } });
  } catch (err) {
    throw new BerthError('PROVISION_FAILED', `Node ${nodeId}: ${dockerMessage(err)}`);
  }
  const machine = (await machinesByNode(machines)).get(nodeId);
  if (machine && change.role) {
    const own = await readBerthMachine(await machines.record(machine));
    if (own.swarm) await updateBerthMachine(await machines.record(machine), { swarm: { ...own.swarm, role: change.role } });
  }
  return swarmOverview(machines, manager);
}

/** Removes a node that left (or is down) from the manager's list (`docker node rm`). */
export async function removeSwarmNode(machines: MachineService, manager: string, nodeId: string, force = false): Promise<SwarmOverview> {
  const docker = await client(machines, manager);
  await docker
    .getNode(nodeId)
    .remove({ force })
    .catch((err: unknown) => {
      throw new BerthError('PROVISION_FAILED', `Node ${nodeId}: ${dockerMessage(err)}`);
    });
  return swarmOverview(machines, manager);
}

/** New join tokens, so the old ones no longer let anyone in. */
export async function rotateJoinTokens(machines: MachineService, manager: string): Promise<void> {
  const docker = await client(machines, manager);
  try {
    const swarm = (await docker.swarmInspect()) as { Version: { Index: number }; Spec: Record<string, unknown> };
    await docker.swarmUpdate({ _query: { version: swarm.Version.Index, rotateWorkerToken: true, rotateManagerToken: true }, _body: swarm.Spec });
  } catch (err) {
    throw new BerthError('PROVISION_FAILED', `"${manager}": cannot rotate the join tokens: ${dockerMessage(err)}`);
  }
}

import { maskProgress } from '../format/maskSecrets';
import { homedir } from 'node:os';
import type { EventSink } from '../core';
import type { Platform } from '../platform/platform';
import { aboutInfo } from '../services/appInfo';
import { createGenericMachine, type LongActionHooks, probeMachineHostKey, provisionMachine, removeMachine } from '../services/genericMachines';
import { powerAction, regenerateCerts, upgradeMachine } from '../services/lifecycle';
import { closingOnAbort, type LongActions } from '../services/longActions';
import { createQemuMachine } from '../services/qemuMachines';
import { createNoneMachine } from '../services/adoptMachines';
import { bundleFileName, exportMachines } from '../bundle/bundleExport';
import { bundleEntries, importMachines, readBundle } from '../bundle/bundleImport';
import { qemuHostInfo, setQemuDir } from '../qemu/hostInfo';
import { machineConsoleLog, machineDetail, machineVersions } from '../services/machineDetail';
import type { MachineService } from '../services/machineService';
import { knownHostsPath } from '../ssh/hostKeys';
import { localSshSetup } from '../ssh/localSsh';
import { probeHostKey } from '../ssh/sshSession';
import type { TerminalManager } from '../terminal/terminalManager';
import type { Handlers } from './dispatcher';
import { machineContext, removeMachineContext, setMachineContext } from '../services/machineContexts';
import { renderContextEnv } from '../env/renderEnv';
import { createSwarm, removeSwarmNode, rotateJoinTokens, swarmLeave, swarmOverview, updateSwarmNode } from '../swarm/swarmService';

export interface HandlerDeps {
  machines: MachineService;
  platform: Platform;
  /** Events every connection receives. */
  broadcast: EventSink;
  terminals: TerminalManager;
  /** Shown in About, for bug reports. */
  logFile: string;
  /** The long actions of every connection (one lock per machine). */
  actions: LongActions;
}

const done = {} as Record<string, never>;
const POWER_WHAT = { start: 'Start', stop: 'Stop', restart: 'Restart', kill: 'Kill' } as const;

/** Maps each IPC channel to the core service that answers it; no logic of its own. */
export function createHandlers({ machines, platform, broadcast, terminals, logFile, actions }: HandlerDeps): Handlers {
  // Cancel ends the action at once: its SSH connections close with the signal.
  const hooks = (signal: AbortSignal): LongActionHooks => ({ onProgress: (e) => broadcast('machine.progress', maskProgress(e)), signal, onConnected: closingOnAbort(signal) });
  return {
    'app.about': () => aboutInfo(machines.storePath, logFile),
    'app.viewing': async ({ name }) => (platform.viewing?.(name), done),
    'machines.list': () => machines.listing(),
    'machine.status': ({ name, timeoutMs }) => machines.status(name, { timeoutMs, useChosenActive: true }),
    'machine.env': ({ name, ...opts }) => machines.env(name, opts).then((text) => ({ text, contextLine: renderContextEnv(opts.shell, name) })),
    'machine.setActive': ({ name }) => machines.setChosenActive(name).then((chosenActive) => ({ chosenActive })),
    'clipboard.writeText': ({ text }) => platform.writeClipboardText(text).then((copied) => ({ copied })),
    'clipboard.readText': () => platform.readClipboardText().then((text) => ({ text })),
    'ssh.probeHostKey': ({ host, port }) => probeHostKey(host, port, knownHostsPath(machines.storePath)),
    'ssh.localSetup': () => localSshSetup(homedir(), process.env),
    'machine.probeHostKey': ({ name }) => probeMachineHostKey(machines, name),
    'machine.create': ({ request }) => actions.run(request.name, (signal) => createGenericMachine(machines, request, hooks(signal)), 'Create'),
    'machine.createQemu': ({ request }) => actions.run(request.name, (signal) => createQemuMachine(machines, request, hooks(signal)), 'Create'),
    'machine.createNone': ({ request }) => actions.run(request.name, (signal) => createNoneMachine(machines, request, hooks(signal)), 'Add'),
    'qemu.hostInfo': () => qemuHostInfo(machines.storePath, process.env),
    'qemu.setDir': ({ dir }) => setQemuDir(machines.storePath, dir).then(() => qemuHostInfo(machines.storePath, process.env)),
    'machine.provision': ({ name, ...opts }) => actions.run(name, (signal) => provisionMachine(machines, name, opts, hooks(signal)), 'Provision'),
    'machine.cancel': async ({ name }) => ({ cancelled: actions.cancel(name) }),
    'machine.remove': ({ name, ...opts }) => actions.run(name, () => removeMachine(machines, name, opts), 'Remove').then((remote) => ({ remote })),
    'machine.power': ({ name, action, sudoPassword }) => actions.run(name, (signal) => powerAction(machines, name, action, { ...hooks(signal), sudoPassword }), POWER_WHAT[action]),
    'machine.regenerateCerts': ({ name, ...opts }) => actions.run(name, (signal) => regenerateCerts(machines, name, opts, hooks(signal)), 'Regenerate certificates'),
    'machine.upgrade': ({ name, engine, ...opts }) => actions.run(name, (signal) => upgradeMachine(machines, name, engine, opts, hooks(signal)), 'Upgrade Docker'),
    'machine.detail': ({ name }) => machineDetail(machines, name),
    'machine.versions': ({ name }) => machineVersions(machines, name),
    'machine.dockerFlags': ({ name }) => machines.dockerFlags(name).then((text) => ({ text })),
    'machine.consoleLog': ({ name }) => machineConsoleLog(machines, name).then((text) => ({ text })),
    'swarm.create': (req) => createSwarm(machines, req),
    'swarm.overview': ({ manager }) => swarmOverview(machines, manager),
    'swarm.updateNode': ({ manager, nodeId, ...change }) => updateSwarmNode(machines, manager, nodeId, change),
    'swarm.removeNode': ({ manager, nodeId, force }) => removeSwarmNode(machines, manager, nodeId, force),
    'swarm.leave': async ({ name, force }) => {
      await swarmLeave(machines, name, { force });
      return {};
    },
    'swarm.rotateTokens': async ({ manager }) => {
      await rotateJoinTokens(machines, manager);
      return {};
    },
    'machine.context': ({ name }) => machineContext(machines, name),
    'machine.setContext': ({ name, use }) => setMachineContext(machines, name, { use }),
    'machine.removeContext': async ({ name }) => {
      await removeMachineContext(machines, name);
      return machineContext(machines, name);
    },
    'machines.export': ({ names, passphrase, withCaKey }) => exportMachines(machines, names, passphrase, { withCaKey }).then((sealed) => ({ fileName: bundleFileName(names), data: sealed.toString('base64') })),
    'machines.inspectBundle': async ({ data, passphrase }) => ({ machines: await bundleEntries(machines, await readBundle(Buffer.from(data, 'base64'), passphrase)) }),
    'machines.import': async ({ data, passphrase, renames, skip }) => ({ results: await importMachines(machines, await readBundle(Buffer.from(data, 'base64'), passphrase), { renames, skip }) }),
    'terminal.open': (req, caller) => terminals.open(caller, req),
    'terminal.input': async ({ id, data }, caller) => (terminals.input(caller, id, data), done),
    'terminal.resize': async ({ id, cols, rows }, caller) => (terminals.resize(caller, id, cols, rows), done),
    'terminal.ack': async ({ id, chars }, caller) => (terminals.ack(caller, id, chars), done),
    'terminal.close': async ({ id }, caller) => (terminals.close(caller, id), done),
  };
}

import { homedir } from 'node:os';
import type { EventSink } from '../core';
import type { Platform } from '../platform/platform';
import { aboutInfo } from '../services/appInfo';
import { probeMachineHostKey, provisionMachine } from '../services/provisioning';
import { createGenericMachine } from '../drivers/generic/create';
import { removeMachine } from '../services/removal';
import { powerAction, regenerateCerts, upgradeMachine } from '../services/lifecycle';
import type { TrackedActions } from '../actions/trackedActions';
import { loadDockerClient } from '../docker/dockerVersion';
import { BerthError } from '../errors';
import { createQemuMachine } from '../drivers/qemu/create';
import { createVirtualboxMachine, virtualboxHostInfo } from '../drivers/virtualbox/create';
import { createNoneMachine } from '../drivers/none/create';
import { bundleFileName, exportMachines } from '../bundle/bundleExport';
import { bundleEntries, importMachines, readBundle } from '../bundle/bundleImport';
import { qemuHostInfo, setQemuDir } from '../drivers/qemu/hostInfo';
import { previewBase } from '../drivers/qemu/baseSteps';
import { listCache, pruneCache, removeCacheEntry } from '../services/cacheInventory';
import { machineConsoleLog, machineDetail, machineVersions } from '../services/machineDetail';
import type { MachineService } from '../services/machineService';
import { knownHostsPath } from '../ssh/hostKeys';
import { localSshSetup } from '../ssh/localSsh';
import { checkLocalFile } from '../util/localFileCheck';
import { readUi, updateSettings } from '../settings/appSettings';
import { probeHostKey } from '../ssh/sshSession';
import type { TerminalManager } from '../terminal/terminalManager';
import type { Handlers } from './dispatcher';
import { filesHandlers } from './filesHandlers';
import type { FileTransfers } from '../files/fileTransfers';
import type { RemoteFiles } from '../files/remoteFiles';
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
  /** The long actions of every connection (one lock per machine), recorded for the task center. */
  actions: TrackedActions;
  /** The Files tab's SFTP connections and its transfers (tasks in the same registry). */
  files: RemoteFiles;
  transfers: FileTransfers;
  /** How the store was chosen, for the Settings page. */
  storeFrom: 'env' | 'flag' | 'default';
}

const done = {} as Record<string, never>;

/** Maps each IPC channel to the core service that answers it; no logic of its own. */
export function createHandlers({ machines, platform, broadcast, terminals, logFile, actions, files, transfers, storeFrom }: HandlerDeps): Handlers {
  const { registry } = actions;
  // What a request records as the action's parameters (for Retry and the task center): never its secrets.
  const createParams = (r: { host?: string; port?: number; user?: string; image?: string; url?: string; engine?: unknown }): Record<string, unknown> => ({ host: r.host, port: r.port, user: r.user, image: r.image, url: r.url, engine: r.engine });
  return {
    'app.about': () => aboutInfo(machines.storePath, logFile),
    'app.viewing': async ({ name }) => (platform.viewing?.(name), done),
    'machines.list': () =>
      machines.listing().then((listing) => {
        // Status probes follow a list: the Docker client (~100 ms to load) starts loading once this
        // answer is on its way — not earlier, where it held up the browser host's first page.
        setImmediate(() => void loadDockerClient().catch(() => undefined));
        return listing;
      }),
    'machine.status': ({ name, timeoutMs }) => machines.status(name, { timeoutMs, useChosenActive: true }),
    'machine.env': ({ name, ...opts }) => machines.env(name, opts).then((text) => ({ text, contextLine: renderContextEnv(opts.shell, name) })),
    'machine.setActive': ({ name }) => machines.setChosenActive(name).then((chosenActive) => ({ chosenActive })),
    'clipboard.writeText': ({ text }) => platform.writeClipboardText(text).then((copied) => ({ copied })),
    'clipboard.readText': () => platform.readClipboardText().then((text) => ({ text })),
    'ssh.probeHostKey': ({ host, port }) => probeHostKey(host, port, knownHostsPath(machines.storePath)),
    'ssh.localSetup': () => localSshSetup(homedir(), process.env),
    'machine.probeHostKey': ({ name }) => probeMachineHostKey(machines, name),
    'machine.create': ({ request }) => actions.run('create', request.name, createParams(request), (h) => createGenericMachine(machines, request, h)),
    'machine.createQemu': ({ request }) => actions.run('create', request.name, createParams(request), (h) => createQemuMachine(machines, request, h)),
    'machine.createNone': ({ request }) => actions.run('create', request.name, createParams(request), (h) => createNoneMachine(machines, request, h)),
    'machine.createVirtualbox': ({ request }) => actions.run('create', request.name, createParams(request), (h) => createVirtualboxMachine(machines, request, h)),
    'virtualbox.hostInfo': () => virtualboxHostInfo(machines.storePath),
    'local.checkFile': ({ path, purpose }) => checkLocalFile(path, purpose).then((problem) => ({ problem })),
    'qemu.hostInfo': () => qemuHostInfo(machines.storePath, process.env),
    'qemu.basePreview': ({ request }) => previewBase(machines.storePath, request).then((base) => ({ base })),
    'cache.list': () => listCache(machines).then((entries) => ({ entries })),
    'cache.remove': ({ name }) => removeCacheEntry(machines, name).then((removed) => ({ removed })),
    'cache.prune': () => pruneCache(machines).then((removed) => ({ removed })),
    'qemu.setDir': ({ dir }) => setQemuDir(machines.storePath, dir).then(() => qemuHostInfo(machines.storePath, process.env)),
    'machine.provision': ({ name, ...opts }) => actions.run('provision', name, {}, (h) => provisionMachine(machines, name, opts, h)),
    'machine.cancel': async ({ name }) => ({ cancelled: actions.cancelMachine(name) }),
    'machine.remove': ({ name, ...opts }) => actions.run('remove', name, { disableRemoteTls: opts.disableRemoteTls, keepContext: opts.keepContext }, () => removeMachine(machines, name, opts)).then((remote) => ({ remote })),
    'machine.power': ({ name, action, sudoPassword }) => actions.run(action, name, {}, (h) => powerAction(machines, name, action, { ...h, sudoPassword })),
    'machine.regenerateCerts': ({ name, ...opts }) => actions.run('regenerate-certs', name, {}, (h) => regenerateCerts(machines, name, opts, h)),
    'machine.upgrade': ({ name, engine, ...opts }) => actions.run('upgrade', name, { engine }, (h) => upgradeMachine(machines, name, engine, opts, h), { message: (r) => r.message }),
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
    'settings.get': async () => ({ ui: await readUi(machines.storePath), storePath: machines.storePath, storeFrom }),
    'settings.set': async ({ change }) => {
      await updateSettings(machines.storePath, change);
      const ui = await readUi(machines.storePath);
      broadcast('settings.changed', { ui });
      return { ui };
    },
    'actions.list': async () => ({ actions: registry.list() }),
    'actions.get': async ({ id }) => {
      const action = registry.get(id);
      if (!action) throw new BerthError('NOT_FOUND', 'That task is no longer kept');
      return action;
    },
    'actions.cancel': async ({ id }) => ({ cancelled: registry.cancel(id) }),
    'actions.retry': async ({ id, sudoPassword }) => ({ action: await actions.retry(id, { sudoPassword }) }),
    'actions.clearFinished': async () => (registry.clearFinished(), done),
    'actions.fleet': ({ kind, names, command, sudoPassword }) => actions.fleet(kind, names, command ? { command } : {}, { sudoPassword }),
    ...filesHandlers(machines, files, transfers),
    'terminal.open': (req, caller) => terminals.open(caller, req),
    'terminal.input': async ({ id, data }, caller) => (terminals.input(caller, id, data), done),
    'terminal.resize': async ({ id, cols, rows }, caller) => (terminals.resize(caller, id, cols, rows), done),
    'terminal.ack': async ({ id, chars }, caller) => (terminals.ack(caller, id, chars), done),
    'terminal.close': async ({ id }, caller) => (terminals.close(caller, id), done),
  };
}

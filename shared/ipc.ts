/**
 * The one IPC contract between the renderer and the core. Both transports (Electron IPC and the
 * browser-host WebSocket) carry exactly these channels; the core validates every request payload
 * against the schemas below before a handler sees it.
 */
import { z } from 'zod';
import { engineChoice, fingerprint, genericCreateRequest, machineName, noneCreateRequest, port, qemuCreateRequest, terminalId, termSize, text, virtualboxCreateRequest } from './requests';
import type { AboutInfo, ActionDetail, ActionSummary, AppCommand, BundleEntry, CacheEntry, DockerBaseInfo, HostKeyProbe, ImportedMachine, LocalSshSetup, MachineContext, MachineDetail, SwarmJoinResult, SwarmOverview, MachineStatus, ProgressEvent, QemuHostInfo, RemoteListing, RemoteText, StoreListing, TerminalExit, TerminalOpened, VersionInfo, VirtualboxHostInfo } from './types';
import { ENV_SHELLS } from './types';
import { type UiSettings, uiSettingsChange } from './uiSettings';

/** A sealed machine bundle, base64 (under the browser host's 2 MiB frame limit). */
const bundleData = z.string().min(1).max(1_900_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const passphrase = z.string().min(1, 'a passphrase is needed').max(1024);

const actionId = z.string().regex(/^[0-9a-f]{16}$/, 'not an action id');

/** A path on a machine (absolute, or relative to the login home). */
const remotePath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'a path cannot hold a NUL');
/** A file's place inside an uploaded folder: relative, no `..`, no empty parts. */
const uploadPath = remotePath.refine((p) => !p.startsWith('/') && p.split('/').every((part) => part !== '' && part !== '.' && part !== '..'), 'a relative path inside the upload');
/** One chunk of a transfer, base64 (1 MiB of bytes is 1.4 MB, under the 2 MiB frame limit). */
const chunkData = z.string().max(1_400_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const fileSize = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Swarm node ids are 25 lower-case alphanumerics. */
const swarmNodeId = z.string().regex(/^[a-z0-9]{25}$/, 'a swarm node id');

export const requestSchemas = {
  'app.about': z.object({}).strict(),
  /** The machine whose page is open (null: none), so the desktop shell's Machine menu acts on it. */
  'app.viewing': z.object({ name: machineName.nullable() }).strict(),
  'machines.list': z.object({}).strict(),
  'machine.status': z
    .object({ name: machineName, timeoutMs: z.number().int().min(100).max(120_000).optional() })
    .strict(),
  'machine.env': z
    .object({ name: machineName, shell: z.enum(ENV_SHELLS), unset: z.boolean(), noProxy: z.boolean() })
    .strict(),
  'machine.setActive': z.object({ name: machineName.nullable() }).strict(),
  'clipboard.writeText': z.object({ text: z.string().max(1_000_000) }).strict(),
  'clipboard.readText': z.object({}).strict(),
  'ssh.probeHostKey': z.object({ host: z.string().min(1).max(255), port }).strict(),
  'ssh.localSetup': z.object({}).strict(),
  'machine.probeHostKey': z.object({ name: machineName }).strict(),
  'machine.create': z.object({ request: genericCreateRequest }).strict(),
  'machine.createQemu': z.object({ request: qemuCreateRequest }).strict(),
  /** docker-machine's `create -d none --url`: a running Docker host added by its URL, checked, never changed. */
  'machine.createNone': z.object({ request: noneCreateRequest }).strict(),
  'machine.createVirtualbox': z.object({ request: virtualboxCreateRequest }).strict(),
  'virtualbox.hostInfo': z.object({}).strict(),
  'qemu.hostInfo': z.object({}).strict(),
  /** The wizard's check of a file it was given: there, readable, of the right kind (a key, an image). */
  'local.checkFile': z.object({ path: z.string().min(1).max(4096), purpose: z.enum(['ssh-key', 'vm-image']) }).strict(),
  /** The Docker-ready base a VM create with this request would boot on (the wizard's review). */
  'qemu.basePreview': z.object({ request: qemuCreateRequest }).strict(),
  /** The store's cache: VM images, Docker-ready bases, unfinished downloads (by the names `berth cache ls` shows). */
  'cache.list': z.object({}).strict(),
  'cache.remove': z.object({ name: z.string().min(1).max(300) }).strict(),
  'cache.prune': z.object({}).strict(),
  /** The folder with QEMU's tools when they are not on PATH (null: PATH only). */
  'qemu.setDir': z.object({ dir: z.string().min(1).max(4096).nullable() }).strict(),
  'machine.provision': z.object({ name: machineName, sudoPassword: text.optional(), acceptHostKey: fingerprint.optional() }).strict(),
  'machine.cancel': z.object({ name: machineName }).strict(),
  'machine.remove': z
    .object({ name: machineName, disableRemoteTls: z.boolean().optional(), sudoPassword: text.optional(), keepContext: z.boolean().optional(), force: z.boolean().optional() })
    .strict(),
  'machine.power': z.object({ name: machineName, action: z.enum(['start', 'stop', 'restart', 'kill']), sudoPassword: text.optional() }).strict(),
  'machine.regenerateCerts': z.object({ name: machineName, sudoPassword: text.optional(), acceptHostKey: fingerprint.optional() }).strict(),
  'machine.upgrade': z.object({ name: machineName, engine: engineChoice.optional(), sudoPassword: text.optional() }).strict(),
  'machine.detail': z.object({ name: machineName }).strict(),
  'machine.versions': z.object({ name: machineName }).strict(),
  'machine.dockerFlags': z.object({ name: machineName }).strict(),
  'machine.consoleLog': z.object({ name: machineName }).strict(),
  'machine.context': z.object({ name: machineName }).strict(),
  /** Creates or updates the machine's docker context; `use`: also make it the docker CLI's current one. */
  'machine.setContext': z.object({ name: machineName, use: z.boolean() }).strict(),
  'machine.removeContext': z.object({ name: machineName }).strict(),
  'swarm.create': z
    .object({
      manager: machineName,
      advertiseAddr: z.string().min(1).max(255).regex(/^[0-9A-Za-z.:[\]%-]+$/, 'an IP address or host name').optional(),
      members: z.array(machineName).min(1).max(100),
      role: z.enum(['worker', 'manager']),
    })
    .strict(),
  'swarm.overview': z.object({ manager: machineName }).strict(),
  'swarm.updateNode': z
    .object({ manager: machineName, nodeId: swarmNodeId, role: z.enum(['worker', 'manager']).optional(), availability: z.enum(['active', 'pause', 'drain']).optional() })
    .strict(),
  'swarm.removeNode': z.object({ manager: machineName, nodeId: swarmNodeId, force: z.boolean() }).strict(),
  'swarm.leave': z.object({ name: machineName, force: z.boolean() }).strict(),
  'swarm.rotateTokens': z.object({ manager: machineName }).strict(),
  /** The machines sealed with the passphrase, as a file's bytes (base64) and the name to offer it under. */
  'machines.export': z.object({ names: z.array(machineName).min(1).max(100), passphrase, withCaKey: z.boolean() }).strict(),
  /** What a bundle holds and which names are taken here, before anything is written. */
  'machines.inspectBundle': z.object({ data: bundleData, passphrase }).strict(),
  'machines.import': z
    .object({ data: bundleData, passphrase, renames: z.record(machineName, machineName), skip: z.array(machineName).max(100) })
    .strict(),
  'settings.get': z.object({}).strict(),
  'settings.set': z.object({ change: uiSettingsChange }).strict(),
  'actions.list': z.object({}).strict(),
  'actions.get': z.object({ id: actionId }).strict(),
  'actions.cancel': z.object({ id: actionId }).strict(),
  /** The same kind of action again with its parameters; resolves when it ends. */
  'actions.retry': z.object({ id: actionId, sudoPassword: text.optional() }).strict(),
  'actions.clearFinished': z.object({}).strict(),
  /** One action per machine (4 at a time), as one group; resolves when all ended, with each machine's result. */
  'actions.fleet': z
    .object({
      kind: z.enum(['provision', 'start', 'stop', 'restart', 'upgrade', 'regenerate-certs', 'run-command']),
      names: z.array(machineName).min(1).max(100),
      command: z.string().min(1).max(10_000).optional(),
      sudoPassword: text.optional(),
    })
    .strict(),
  /** A folder of the machine (null: the login home), sorted and a page at a time; `acceptHostKey` on first contact. */
  'files.list': z
    .object({
      name: machineName,
      path: remotePath.nullable(),
      sort: z.enum(['name', 'size', 'mtime']),
      descending: z.boolean(),
      hidden: z.boolean(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000),
      acceptHostKey: fingerprint.optional(),
    })
    .strict(),
  'files.mkdir': z.object({ name: machineName, path: remotePath }).strict(),
  'files.rename': z.object({ name: machineName, from: remotePath, to: remotePath }).strict(),
  'files.remove': z.object({ name: machineName, path: remotePath }).strict(),
  'files.readText': z.object({ name: machineName, path: remotePath }).strict(),
  /** Saves an edited file; `mtime`/`size`: as it was read (refused if it changed since). */
  'files.writeText': z.object({ name: machineName, path: remotePath, text: z.string().max(1024 * 1024), mtime: z.number().int(), size: fileSize }).strict(),
  'files.uploadBegin': z
    .object({ name: machineName, dir: remotePath, files: z.array(z.object({ path: uploadPath, size: fileSize }).strict()).min(1).max(10_000), overwrite: z.boolean() })
    .strict(),
  'files.uploadChunk': z.object({ id: actionId, index: z.number().int().min(0), offset: fileSize, data: chunkData }).strict(),
  'files.downloadBegin': z.object({ name: machineName, path: remotePath }).strict(),
  'files.downloadChunk': z.object({ id: actionId, offset: fileSize }).strict(),
  /** A folder `berth mount` mounted from the machine, unmounted (and forgotten). */
  'machine.unmount': z.object({ name: machineName, local: z.string().min(1).max(4096) }).strict(),
  'terminal.open': z
    .object({ kind: z.enum(['ssh', 'local']), machine: machineName, cols: termSize, rows: termSize, acceptHostKey: fingerprint.optional() })
    .strict(),
  'terminal.input': z.object({ id: terminalId, data: z.string().max(1_000_000) }).strict(),
  'terminal.resize': z.object({ id: terminalId, cols: termSize, rows: termSize }).strict(),
  'terminal.ack': z.object({ id: terminalId, chars: z.number().int().min(0).max(1 << 30) }).strict(),
  'terminal.close': z.object({ id: terminalId }).strict(),
} as const;

export type Channel = keyof typeof requestSchemas;
export const CHANNELS = Object.keys(requestSchemas) as Channel[];

export type RequestOf<C extends Channel> = z.input<(typeof requestSchemas)[C]>;

export interface Responses {
  'app.about': AboutInfo;
  'app.viewing': Record<string, never>;
  'machines.list': StoreListing;
  'machine.status': MachineStatus;
  /** contextLine: DOCKER_CONTEXT set to the machine's context, in the same shell's syntax. */
  'machine.env': { text: string; contextLine: string };
  'machine.setActive': { chosenActive: string | null };
  /** copied=false: this platform cannot reach the user's clipboard; the renderer copies itself. */
  'clipboard.writeText': { copied: boolean };
  /** text=null: this platform cannot reach the user's clipboard; the renderer reads it itself. */
  'clipboard.readText': { text: string | null };
  'ssh.probeHostKey': HostKeyProbe;
  'ssh.localSetup': LocalSshSetup;
  /** The host key a saved machine's SSH address offers now, against the pinned one. */
  'machine.probeHostKey': HostKeyProbe;
  /** Resolve when the long action ends; its progress arrives meanwhile as machine.progress events. */
  'machine.create': MachineStatus;
  'machine.createQemu': MachineStatus;
  'machine.createNone': MachineStatus;
  'machine.createVirtualbox': MachineStatus;
  'virtualbox.hostInfo': VirtualboxHostInfo;
  'qemu.hostInfo': QemuHostInfo;
  /** problem: what is wrong with the file, in words; null: it will do. */
  'local.checkFile': { problem: string | null };
  'qemu.setDir': QemuHostInfo;
  'qemu.basePreview': { base: DockerBaseInfo | null };
  'cache.list': { entries: CacheEntry[] };
  /** A base or image something is made on is refused (BUSY), naming them. */
  'cache.remove': { removed: CacheEntry };
  'cache.prune': { removed: CacheEntry[] };
  'machine.provision': MachineStatus;
  'machine.cancel': { cancelled: boolean };
  /** remote: what was undone on the host, when asked to. */
  'machine.remove': { remote: string | null };
  /** Long actions: progress streams as machine.progress events meanwhile. */
  'machine.power': MachineStatus;
  'machine.regenerateCerts': MachineStatus;
  'machine.upgrade': { status: MachineStatus; before: string; after: string; message: string };
  'machine.detail': MachineDetail;
  'machine.versions': VersionInfo;
  /** docker-machine's `config`: the docker CLI flags that reach the machine. */
  'machine.dockerFlags': { text: string };
  /** A local VM's serial console (its end); text=null for machines that are not VMs. */
  'machine.consoleLog': { text: string | null };
  /** The machine's docker CLI context (named after it) as it stands. */
  'machine.context': MachineContext;
  'machine.setContext': MachineContext;
  'machine.removeContext': MachineContext;
  /** The manager's init and each member's join, one result each; the swarm as it stands after. */
  'swarm.create': { overview: SwarmOverview; results: SwarmJoinResult[] };
  'swarm.overview': SwarmOverview;
  'swarm.updateNode': SwarmOverview;
  'swarm.removeNode': SwarmOverview;
  'swarm.leave': Record<string, never>;
  'swarm.rotateTokens': Record<string, never>;
  'machines.export': { fileName: string; data: string };
  'machines.inspectBundle': { machines: BundleEntry[] };
  'machines.import': { results: ImportedMachine[] };
  /** storeFrom: how this store was chosen (MACHINE_STORAGE_PATH, -s, or the default), for the page to say how to change it. */
  'settings.get': { ui: UiSettings; storePath: string; storeFrom: 'env' | 'flag' | 'default' };
  'settings.set': { ui: UiSettings };
  'actions.list': { actions: ActionSummary[] };
  'actions.get': ActionDetail;
  'actions.cancel': { cancelled: boolean };
  'actions.retry': { action: ActionSummary };
  'actions.clearFinished': Record<string, never>;
  'actions.fleet': { group: string; results: Array<{ machine: string; ok: boolean; message: string; id: string | null }> };
  'files.list': RemoteListing;
  'files.mkdir': Record<string, never>;
  'files.rename': Record<string, never>;
  'files.remove': { removed: number };
  'files.readText': RemoteText;
  'files.writeText': RemoteText;
  'files.uploadBegin': { id: string };
  'files.uploadChunk': { finished: boolean };
  'files.downloadBegin': { id: string; size: number; name: string };
  'files.downloadChunk': { data: string; finished: boolean };
  'machine.unmount': Record<string, never>;
  'terminal.open': TerminalOpened;
  'terminal.input': Record<string, never>;
  'terminal.resize': Record<string, never>;
  'terminal.ack': Record<string, never>;
  'terminal.close': Record<string, never>;
}
export type ResponseOf<C extends Channel> = Responses[C];

/** Events pushed from the core to every connected renderer. */
export interface Events {
  /** The store changed on disk (a machine added, removed or edited, by Berth or docker-machine). */
  /** Machines whose record or provisioning outcome changed, or that appeared or went; `all`: re-read everything. */
  'machines.changed': { names: string[]; all: boolean };
  /** Steps, their states and the live log of a create or provision. */
  'machine.progress': ProgressEvent;
  /** A terminal's output, batched (one message a frame at most) and never splitting a UTF-8 sequence. Sent to its opener only. */
  'terminal.data': { id: string; data: string };
  /** A terminal ended: its program exited, or its connection dropped. Sent to its opener only. */
  'terminal.exit': TerminalExit;
  /** A long action began, progressed or ended (every window: the task center, notifications). */
  'action.started': { action: ActionSummary };
  'action.progress': { id: string; event: ProgressEvent };
  'action.ended': { action: ActionSummary };
  /** The application menu, the tray or a second launch asks the page for something (Electron only). */
  'app.command': AppCommand;
  /** A window changed the preferences: every window follows (theme, terminal font, …). */
  'settings.changed': { ui: UiSettings };
}
export type EventName = keyof Events;
export const EVENT_NAMES: EventName[] = ['machines.changed', 'machine.progress', 'terminal.data', 'terminal.exit', 'app.command', 'action.started', 'action.progress', 'action.ended', 'settings.changed'];

/** Stable error codes carried by failed envelopes. */
export const ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'INVALID_PAYLOAD',
  'NOT_FOUND',
  'INVALID_NAME',
  'CORRUPT_CONFIG',
  'STORE_ERROR',
  'UNREACHABLE',
  'NOT_RUNNING',
  'NO_ACTIVE',
  'UNSUPPORTED',
  'SSH_AUTH',
  'HOST_KEY_CHANGED',
  'HOST_KEY_UNTRUSTED',
  'SUDO_PASSWORD',
  'PROVISION_FAILED',
  'DOWNLOAD_FAILED',
  'CHECKSUM_MISMATCH',
  'CANCELLED',
  'BAD_BUNDLE',
  'WRONG_PASSPHRASE',
  'BUSY',
  /** A hypervisor's own tool (VBoxManage) failed; its words follow. */
  'DRIVER_FAILED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IpcError {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** What a transport offers the renderer: nothing but these two functions. */
export interface Bridge {
  invoke(channel: string, payload: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Wire format of the browser-host WebSocket. */
export type WsClientMessage = { id: number; channel: string; payload: unknown };
export type WsServerMessage =
  | { id: number; envelope: Envelope<unknown> }
  | { event: string; payload: unknown };

/** The WebSocket subprotocol; the token travels as a second subprotocol `berth-token.<hex>`. */
export const WS_PROTOCOL = 'berth.v1';
export const WS_TOKEN_PROTOCOL_PREFIX = 'berth-token.';

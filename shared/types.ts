import type { StepView } from './progress';
import type { Accel, EngineOptionsInput } from './requests';

export type { Accel, ClientTlsPaths, EngineInstallChoice, EngineOptionsInput, GenericCreateRequest, NoneCreateRequest, QemuCreateRequest, SshAuthChoice, VirtualboxCreateRequest } from './requests';

/** Machine states as docker-machine names them, plus Unknown for drivers Berth cannot query. */
export const MACHINE_STATES = [
  'Running',
  'Paused',
  'Saved',
  'Stopped',
  'Stopping',
  'Starting',
  'Error',
  'Timeout',
  'Unknown',
] as const;
export type MachineState = (typeof MACHINE_STATES)[number];

/** What the store alone says about a machine: cheap, no network. */
export interface MachineSummary {
  name: string;
  driverName: string;
  /** Set when config.json is missing, unreadable or corrupt; the other fields are then best effort. */
  error: string | null;
  ip: string | null;
  url: string | null;
  /** docker-machine's SWARM column ("name (master)" or ""). */
  swarm: string;
  machineDir: string;
  /** Set while a create/provision failed half way: the machine shows Error and can be retried or removed. */
  provisionError: string | null;
  /** Set when the recorded address is not in the server certificate (clients will fail with x509 errors). */
  certWarning: string | null;
  /** The engine labels (`ls --filter label=k=v`). */
  labels: string[];
  /** Why the machine has no SSH terminal (a host added by its Docker URL only); null: it has. */
  sshUnavailable: string | null;
}

/** The live part of an `ls` row, found by asking the driver and the Docker daemon. */
export interface MachineStatus {
  name: string;
  state: MachineState;
  /** docker-machine prints the URL only for a running machine. */
  url: string;
  active: boolean;
  /** "v20.10.24", or "Unknown" when the daemon did not answer. */
  dockerVersion: string;
  error: string | null;
  /** Why the state is what it is (e.g. "SSH port 10.0.0.5:22 refused the connection"). */
  detail: string | null;
  responseMs: number;
}

export const ENV_SHELLS = ['bash', 'fish', 'powershell', 'cmd', 'tcsh', 'nushell', 'emacs'] as const;
export type EnvShell = (typeof ENV_SHELLS)[number];

export const ENV_SHELL_LABELS: Record<EnvShell, string> = {
  bash: 'bash / zsh / sh',
  fish: 'fish',
  powershell: 'PowerShell',
  cmd: 'cmd.exe',
  tcsh: 'tcsh / csh',
  nushell: 'Nushell',
  emacs: 'Emacs',
};

export interface EnvOptions {
  shell: EnvShell;
  unset: boolean;
  noProxy: boolean;
}

export interface StoreListing {
  storePath: string;
  machines: MachineSummary[];
  /** The machine chosen as active in the app, if any. */
  chosenActive: string | null;
}

export interface AboutInfo {
  appVersion: string;
  dockerClientVersion: string | null;
  storePath: string;
  /** The core's log file: errors with their stack, action outcomes. */
  logFile: string;
  platform: string;
  nodeVersion: string;
}

export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

/** A long action's progress, streamed as it happens (create, provision, upgrade). */
export type ProgressEvent =
  | { machine: string; kind: 'steps'; steps: string[] }
  | { machine: string; kind: 'step'; step: string; state: StepState; elapsedMs: number; detail?: string }
  | { machine: string; kind: 'log'; text: string }
  /** Bytes of a step's transfer (an image download) so far; total is null when the server does not say. */
  | { machine: string; kind: 'transfer'; step: string; done: number; total: number | null };





export interface HostKeyProbe {
  fingerprint: string;
  keyType: string;
  /** pinned: matches what Berth pinned; unknown: first contact; changed: differs from the pinned key. */
  status: 'pinned' | 'unknown' | 'changed';
  pinnedFingerprint?: string;
}

/** A concrete `Host` of the user's ~/.ssh/config, resolved. */
export interface SshConfigHost {
  alias: string;
  hostName: string;
  user: string | null;
  port: number | null;
  identityFile: string | null;
}

/** What the create wizard can offer from the user's own SSH set-up. */
export interface LocalSshSetup {
  configHosts: SshConfigHost[];
  /** Set when ~/.ssh/config exists but cannot be read or parsed. */
  configError: string | null;
  /** The default identity files that exist (~/.ssh/id_ed25519, id_ecdsa, id_rsa). */
  keys: string[];
  /** Whether an ssh-agent is reachable ($SSH_AUTH_SOCK). */
  agent: boolean;
}

export type TerminalKind = 'ssh' | 'local';

export interface TerminalOpened {
  id: string;
  /** What the tab says: "root@10.0.0.5" for SSH, the shell for a local one. */
  title: string;
}

export interface TerminalExit {
  id: string;
  /** exited: the shell ended (code set); disconnected: the connection dropped; closed: closed on request. */
  reason: 'exited' | 'disconnected' | 'closed';
  code: number | null;
  message: string;
}

/** What the desktop shell (application menu, tray, a second launch) asks the page to do. */
export type MachineMenuAction = LifecycleAction | 'env' | 'remove';
export type AppCommand =
  | { kind: 'new-machine' }
  | { kind: 'import' }
  | { kind: 'about' }
  | { kind: 'refresh' }
  | { kind: 'open-machine'; name: string }
  | { kind: 'machine'; name: string; action: MachineMenuAction };

/** What can be done to a machine, each offered only where its driver can. */
export const LIFECYCLE_ACTIONS = ['start', 'stop', 'restart', 'kill', 'provision', 'regenerateCerts', 'upgrade', 'ssh'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];
/** null: supported; a string: why not (shown as the disabled control's tooltip). */
export type Capabilities = Record<LifecycleAction, string | null>;

export interface CertInfo {
  file: string;
  notAfter: string;
  /** Expired, or expires within 30 days. */
  expiresSoon: boolean;
  sans: string[];
}

/** A machine's page: everything the record says, with secrets masked, and its certificates. */
export interface MachineDetail {
  name: string;
  driverName: string;
  capabilities: Capabilities;
  ip: string | null;
  url: string | null;
  ssh: { user: string; host: string; port: number; keyPath: string } | null;
  /** When the machine directory was made (docker-machine records no creation time). */
  created: string | null;
  engineOptions: EngineOptionsInput;
  certs: { server: CertInfo | null; ca: CertInfo | null; client: CertInfo | null; error: string | null };
  /** Set when the recorded IP is not among the server certificate's names: Docker clients will fail with x509 errors. */
  ipMismatch: string | null;
  /** config.json as `inspect` shows it, secrets masked. */
  inspect: string;
  /** What the machine's driver says of its record on the Overview (a VM's accelerator, resources, image…). */
  facts: MachineFact[];
  /** The driver keeps a serial console log (the Logs tab shows it). */
  hasConsole: boolean;
  /** What Remove does to the machine itself (the record always goes), in the driver's words. */
  removal: string;
  /** Folders mounted from the machine with `berth mount` (sshfs), and whether each still is. */
  mounts: MachineMount[];
}

export interface MachineFact {
  label: string;
  value: string;
  tone?: 'warn';
  mono?: boolean;
}

export interface MachineMount {
  remote: string;
  local: string;
  mounted: boolean;
}

/** One entry of a machine's folder as the Files tab lists it. */
export interface RemoteEntry {
  name: string;
  /** What it is, or for a symbolic link what it points at ('other' also when it points nowhere). */
  kind: 'file' | 'dir' | 'other';
  link: boolean;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** Permission bits (e.g. 0o644). */
  mode: number;
}

export interface RemoteListing {
  /** The folder's absolute path on the machine. */
  path: string;
  entries: RemoteEntry[];
  /** Entries past this page (a folder of many thousands is listed a page at a time). */
  more: number;
}

/** A small text file opened for editing in place, with what it was when read (a save refuses a file changed since). */
export interface RemoteText {
  path: string;
  text: string;
  mtime: number;
  size: number;
}

export type SwarmRole = 'manager' | 'worker';

/** One node of a swarm, as its manager lists it. */
export interface SwarmNode {
  id: string;
  hostname: string;
  /** The store's machine this node is (by the node id its Docker reports); null for others. */
  machine: string | null;
  role: SwarmRole;
  /** active, pause or drain. */
  availability: string;
  /** ready, down, … */
  status: string;
  /** Leader, reachable, unreachable; '' for a worker. */
  managerStatus: string;
  engineVersion: string;
}

export interface SwarmOverview {
  manager: string;
  nodes: SwarmNode[];
  /** Replicated services with their running/desired tasks and on how many nodes they run. */
  services: Array<{ name: string; running: number; desired: number; nodes: number }>;
}

/** One machine's outcome of a join: joined, or why not. */
export interface SwarmJoinResult {
  machine: string;
  ok: boolean;
  message: string;
}

/** A machine's context in the docker CLI's store (`docker --context NAME`). */
export interface MachineContext {
  name: string;
  exists: boolean;
  /** Made by Berth; one of the same name made by someone else is never changed. */
  ours: boolean;
  /** The docker CLI's current context. */
  current: boolean;
  host: string | null;
  /** Points elsewhere than the machine does now (its address changed since). */
  stale: boolean;
}

/** `docker version`'s two sides, and the OS the Engine runs on. */
export interface VersionInfo {
  client: { version: string; apiVersion: string; goVersion: string; gitCommit: string; built: string; os: string; arch: string } | null;
  server: {
    version: string;
    apiVersion: string;
    minApiVersion: string;
    goVersion: string;
    gitCommit: string;
    built: string;
    os: string;
    arch: string;
    kernel: string;
    operatingSystem: string;
    components: { name: string; version: string }[];
  } | null;
  error: string | null;
}


export interface HostResources {
  cpus: number;
  memoryMb: number;
  freeDiskMb: number;
}

export interface VirtualboxHostInfo extends HostResources {
  /** VBoxManage --version, or null when VirtualBox is missing or too old (`missing` says which, with an install hint). */
  version: string | null;
  missing: string | null;
  hostOnlyInterfaces: { name: string; ip: string }[];
}

export interface QemuHostInfo extends HostResources {
  /** The folder chosen for QEMU's tools (else they are looked up on PATH). */
  dir: string | null;
  system: string | null;
  img: string | null;
  /** What is missing and how to install it on this OS, or null. */
  missing: string | null;
  /** reason: the hardware accelerator probe's own words when it was passed over (shown folded). */
  accel: { accel: Accel; warning: string | null; reason?: string } | null;
}

/** A Docker-ready base a new VM would boot on (skipping the Engine's install). */
export interface DockerBaseInfo {
  id: string;
  dockerVersion: string;
  os: string;
  /** The machine whose first provisioning it was copied from. */
  madeFrom: string;
  createdAt: string;
}

/** A file in the store's cache: a verified image, a Docker-ready base, or a download left unfinished. */
export interface CacheEntry {
  kind: 'image' | 'base' | 'part';
  /** The name `berth cache rm` takes: the image's file name, the base's id, the part's file name. */
  name: string;
  path: string;
  sizeBytes: number;
  /** Machines (and bases) whose disks are made on it: while any is listed it cannot be removed. */
  usedBy: string[];
  /** A base: what it holds and when it was made; an image: its sha256 when known. */
  detail: string;
  modified: string;
}

/** A machine in a bundle about to be imported, and whether its name is taken in this store. */
export interface BundleEntry {
  name: string;
  driverName: string;
  url: string | null;
  taken: boolean;
}

/** One machine's outcome of an import: where it went (null: skipped) and what its live check found. */
export interface ImportedMachine {
  name: string;
  importedAs: string | null;
  /** Something to know that did not stop the import (a host key this store already pins differently). */
  warning: string | null;
  /** null for machines without SSH (driver none) and skipped ones. */
  ssh: { ok: boolean; message: string } | null;
  docker: { ok: boolean; message: string } | null;
}

/** The long actions the core runs (a closed set: the task center, notifications and Retry know each). */
export const ACTION_KINDS = ['create', 'provision', 'start', 'stop', 'restart', 'kill', 'remove', 'upgrade', 'regenerate-certs', 'run-command', 'upload', 'download'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
/**
 * File transfers of the Files tab: tasks like the others (progress, Cancel, outcome), but they do
 * not hold the machine (its row stays as it is, other actions may run) and the page that sends the
 * bytes starts them again, so they have no Retry.
 */
export const isTransfer = (kind: ActionKind): kind is 'upload' | 'download' => kind === 'upload' || kind === 'download';
/** Each kind as a task's title and the machine lock's name say it. */
export const ACTION_LABEL: Record<ActionKind, string> = {
  create: 'Create',
  provision: 'Provision',
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  kill: 'Kill',
  remove: 'Remove',
  upgrade: 'Upgrade Docker',
  'regenerate-certs': 'Regenerate certificates',
  'run-command': 'Run a command',
  upload: 'Upload to',
  download: 'Download from',
};
export type ActionState = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A long action as every window sees it: what, on which machine, with which (non-secret) parameters, its steps and outcome. */
export interface ActionSummary {
  id: string;
  kind: ActionKind;
  machine: string;
  /** The request's parameters, secrets masked. */
  params: Record<string, unknown>;
  /** Actions started together on several machines (a fleet action) share a group id. */
  group: string | null;
  state: ActionState;
  startedAt: string;
  endedAt: string | null;
  /** Steps with their states and times (the log stays out: ask `actions.get`). */
  steps: StepView[];
  /** How it ended: the error, or a result line (a command's exit code, an upgrade's versions). */
  error: string | null;
  message: string | null;
}

export interface ActionDetail extends ActionSummary {
  log: string;
}

import { join } from 'node:path';
import type { EnvOptions, MachineStatus, MachineSummary, StoreListing } from '../../../shared/types';
import { dockerConfigDir } from '../contexts/dockerContexts';
import { driverFor } from '../drivers/registry';
import { addToNoProxy, noProxyVariable } from '../env/noProxy';
import { dockerEnvVars, renderEnv } from '../env/renderEnv';
import { maskSecrets } from '../format/maskSecrets';
import { ipMismatch, readCertInfo } from '../tls/certInfo';
import { BerthError, HOST_NOT_RUNNING } from '../errors';
import { type ProvisionStatus, readProvisionStatus } from '../provision/provisionStatus';
import { readSettings, updateSettings } from '../settings/appSettings';
import { dockerEndpoint, fetchEngineVersion, type EngineVersion, loadDockerClient } from '../docker/dockerVersion';
import { certCheckMessage, dialFailure, tlsHandshake, tlsMaterial } from '../status/connectionCheck';
import { probeMachineStatus } from '../status/machineStatus';
import { clientTlsFiles } from '../store/machineTls';
import type { MachineConfig } from '../store/machineConfig';
import type { CertFileOverrides } from '../tls/certs';
import type { MachineRecord, StoreEntry } from '../store/machineStore';
import { MachineStore } from '../store/machineStore';
import { swarmColumn } from '../store/swarmColumn';

export const DEFAULT_STATUS_TIMEOUT_MS = 10_000;

export interface StatusQuery {
  timeoutMs?: number;
  /** Apply the app's chosen active machine (the GUI does; the CLI follows DOCKER_HOST only, as docker-machine). */
  useChosenActive?: boolean;
}

/** docker-machine's SWARM column: the master's name for a node of a discovery, "(master)" on the master. */
function swarmColumns(entries: StoreEntry[]): Map<string, string> {
  const loaded = entries.flatMap((e) => (e.kind === 'ok' ? [e.machine] : []));
  const masters = new Map<string, string>();
  for (const m of loaded) {
    const swarm = m.config.HostOptions.SwarmOptions;
    if (swarm?.Master && swarm.Discovery) masters.set(swarm.Discovery, m.name);
  }
  const columns = new Map<string, string>();
  for (const m of loaded) {
    const swarm = m.config.HostOptions.SwarmOptions;
    if (!swarm?.Discovery) continue;
    const master = masters.get(swarm.Discovery) ?? '';
    columns.set(m.name, swarm.Master ? `${master} (master)` : master);
  }
  return columns;
}

async function summarize(entry: StoreEntry, swarm: Map<string, string>, certWarnings: boolean): Promise<MachineSummary> {
  if (entry.kind === 'error') {
    return { name: entry.name, driverName: '', error: entry.error, ip: null, url: null, swarm: '', machineDir: entry.dir, provisionError: null, certWarning: null, labels: [], sshUnavailable: entry.error };
  }
  const { machine } = entry;
  const driver = driverFor(machine.config.DriverName);
  return {
    name: machine.name,
    driverName: machine.config.DriverName,
    error: null,
    ip: driver.ip(machine),
    url: driver.url(machine),
    swarm: swarm.get(machine.name) || (await swarmColumn(machine.dir)),
    machineDir: machine.dir,
    provisionError: provisionFailure(await readProvisionStatus(machine.dir)),
    certWarning: certWarnings ? await serverCertWarning(machine.dir, driver.ip(machine)) : null,
    labels: machine.config.HostOptions.EngineOptions?.Labels ?? [],
    sshUnavailable: driver.capabilities.ssh,
  };
}

/** The address-vs-certificate check of a machine's server.pem; nothing to say without one. */
async function serverCertWarning(dir: string, ip: string | null): Promise<string | null> {
  const cert = await readCertInfo(join(dir, 'server.pem')).catch(() => null);
  return cert ? ipMismatch(ip, cert.sans) : null;
}

function provisionFailure(status: ProvisionStatus | null): string | null {
  if (!status || status.ok) return null;
  return `${status.error ?? 'Provisioning failed'}${status.logTail ? `\n--- log ---\n${status.logTail}` : ''}`;
}

/**
 * The core's machine operations. IPC handlers and the CLI both call these and nothing else, so the
 * GUI and `berth` always agree.
 */
export class MachineService {
  readonly store: MachineStore;

  constructor(
    storePath: string,
    private readonly processEnv: NodeJS.ProcessEnv = process.env,
    /** CA and client certificate files given instead of the store's (the CLI's --tls-* flags). */
    readonly certFiles: CertFileOverrides = {},
  ) {
    this.store = new MachineStore(storePath);
    this.dockerConfig = dockerConfigDir(processEnv);
  }

  /** The docker CLI's configuration folder ($DOCKER_CONFIG or ~/.docker), where machines' contexts go. */
  readonly dockerConfig: string;

  get storePath(): string {
    return this.store.root;
  }

  /** Every machine's summary; `certWarnings: false` skips reading server certificates (the CLI's `ls` shows none). */
  async listing(opts: { certWarnings?: boolean } = {}): Promise<StoreListing> {
    const entries = await this.store.list();
    const swarm = swarmColumns(entries);
    const settings = await readSettings(this.storePath);
    const machines = await Promise.all(entries.map((e) => summarize(e, swarm, opts.certWarnings ?? true)));
    return { storePath: this.storePath, machines, chosenActive: settings.chosenActive };
  }

  async record(name: string): Promise<MachineRecord> {
    return this.store.load(name);
  }

  async status(name: string, query: StatusQuery = {}): Promise<MachineStatus> {
    const record = await this.store.load(name);
    await loadDockerClient(); // before the probe's clock starts
    const chosenActive = query.useChosenActive ? (await readSettings(this.storePath)).chosenActive : null;
    return probeMachineStatus(record, driverFor(record.config.DriverName), {
      timeoutMs: query.timeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS,
      dockerHost: this.processEnv.DOCKER_HOST,
      chosenActive,
    });
  }

  /** Statuses of every loadable machine, probed in parallel, each bounded by the timeout. */
  async statusAll(names: string[], query: StatusQuery = {}): Promise<Map<string, MachineStatus>> {
    const results = await Promise.all(names.map((n) => this.status(n, query).then((s) => [n, s] as const)));
    return new Map(results);
  }

  async setChosenActive(name: string | null): Promise<string | null> {
    if (name !== null) await this.store.load(name); // refuse names that are not machines
    await updateSettings(this.storePath, { chosenActive: name });
    return name;
  }

  /** The Docker URL of a record already loaded (no second read of config.json). */
  requireUrl(record: MachineRecord): string {
    const url = driverFor(record.config.DriverName).url(record);
    if (!url) throw new BerthError('UNSUPPORTED', `Machine "${record.name}" has no IP address recorded, so it has no Docker URL`);
    return url;
  }

  /** docker-machine's GetURL: only a running machine has one. */
  private async runningUrl(record: MachineRecord): Promise<string> {
    const { state } = await driverFor(record.config.DriverName).state(record, DEFAULT_STATUS_TIMEOUT_MS);
    if (state !== 'Running') throw new BerthError('NOT_RUNNING', HOST_NOT_RUNNING);
    return this.requireUrl(record);
  }

  /**
   * docker-machine's check before `env` and `config` print: the host runs, and a TLS handshake
   * proves the certificates. Its messages, behind the command's own prefix, as scripts match them.
   */
  private async checkedUrl(record: MachineRecord, prefix: string): Promise<string> {
    const files = clientTlsFiles(record);
    // The handshake runs beside the state check (both on loopback-fast hosts take a few ms each, and
    // a shell prompt's `berth env` waits for every one); its outcome counts only for a running host.
    // A record without a URL starts none: runningUrl then refuses it, whatever its state.
    const recordedUrl = driverFor(record.config.DriverName).url(record);
    const stopHandshake = new AbortController();
    const handshake = recordedUrl ? tlsHandshake(recordedUrl, files, DEFAULT_STATUS_TIMEOUT_MS, tlsMaterial(files), stopHandshake.signal) : null;
    handshake?.catch(() => undefined); // a failure is said below, if the host runs
    let url: string;
    try {
      url = await this.runningUrl(record);
    } catch (err) {
      stopHandshake.abort(new Error('the host is not running'));
      if (err instanceof BerthError && err.code === 'NOT_RUNNING') throw new BerthError('NOT_RUNNING', `${prefix}${err.message}`);
      throw err;
    }
    const { addr } = dockerEndpoint(url);
    try {
      await handshake!;
    } catch (err) {
      throw new BerthError('UNREACHABLE', `${prefix}${certCheckMessage(addr, dialFailure(addr, err as NodeJS.ErrnoException))}`);
    }
    return url;
  }

  /**
   * The `env` exports; unsetting needs no machine, so `name` may then be null. `checked`: only for a
   * running machine whose Docker accepts its certificates (docker-machine's `env`; the CLI's default).
   */
  async env(name: string | null, opts: EnvOptions, hintCommand?: string, checked = false): Promise<string> {
    const noProxyVar = noProxyVariable(this.processEnv);
    if (opts.unset) {
      return renderEnv({
        ...opts,
        machineName: '',
        dockerHost: '',
        certPath: '',
        noProxy: opts.noProxy ? { name: noProxyVar.name, value: '' } : undefined,
        windows: process.platform === 'win32',
        hintCommand,
      });
    }
    if (name === null) throw new BerthError('INVALID_NAME', 'A machine name is required');
    const record = await this.store.load(name);
    let noProxy: { name: string; value: string } | undefined;
    if (opts.noProxy) {
      const ip = driverFor(record.config.DriverName).ip(record);
      if (!ip) throw new BerthError('UNSUPPORTED', `Machine "${name}" has no IP address recorded to add to NO_PROXY`);
      noProxy = { name: noProxyVar.name, value: addToNoProxy(noProxyVar.value, ip) };
    }
    return renderEnv({
      ...opts,
      machineName: record.name,
      dockerHost: checked ? await this.checkedUrl(record, 'Error checking TLS connection: ') : this.requireUrl(record),
      certPath: record.dir,
      noProxy,
      windows: process.platform === 'win32',
      hintCommand,
    });
  }

  /** The same variables as `env`, for a process Berth starts itself (the local shell). */
  async envVars(name: string): Promise<Record<string, string>> {
    const record = await this.store.load(name);
    return Object.fromEntries(dockerEnvVars({ machineName: record.name, dockerHost: this.requireUrl(record), certPath: record.dir }));
  }

  /** The record as docker-machine's `inspect` shows it, credentials masked. */
  async inspect(name: string): Promise<MachineConfig> {
    return maskSecrets((await this.store.load(name)).config) as MachineConfig;
  }

  async ip(name: string): Promise<string> {
    const record = await this.store.load(name);
    const ip = driverFor(record.config.DriverName).ip(record);
    if (!ip) throw new BerthError('UNSUPPORTED', `Machine "${name}" has no IP address recorded`);
    return ip;
  }

  /** `checked`: a machine that is not running has no URL, as in docker-machine. */
  async url(name: string, checked = false): Promise<string> {
    const record = await this.store.load(name);
    return checked ? this.runningUrl(record) : this.requireUrl(record);
  }

  /** docker-machine `config`: the docker CLI flags that reach this machine; `checked` as in `env`. */
  async dockerFlags(name: string, checked = false): Promise<string> {
    const record = await this.store.load(name);
    const url = checked ? await this.checkedUrl(record, 'Error running connection boilerplate: ') : this.requireUrl(record);
    const q = (p: string): string => JSON.stringify(p);
    const file = (f: string): string => q(join(record.dir, f));
    return `--tlsverify\n--tlscacert=${file('ca.pem')}\n--tlscert=${file('cert.pem')}\n--tlskey=${file('key.pem')}\n-H=${url}\n`;
  }

  async engineVersion(name: string, timeoutMs = DEFAULT_STATUS_TIMEOUT_MS): Promise<EngineVersion> {
    const record = await this.store.load(name);
    const url = this.requireUrl(record);
    try {
      return await fetchEngineVersion(url, clientTlsFiles(record), timeoutMs);
    } catch (err) {
      throw new BerthError('UNREACHABLE', `Machine "${name}": Docker at ${url} did not answer: ${(err as Error).message}`);
    }
  }
}

import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { machineNameProblem } from '../../../shared/machineName';
import { BerthError, machineMissing } from '../errors';
import { compareNatural } from '../format/naturalSort';
import { removeStaleTempFiles, writeFileAtomic } from './atomicWrite';
import { withStoreLock } from './storeLock';
import { ConfigParseError, type MachineConfig, parseMachineConfig, serializeMachineConfig } from './machineConfig';

export interface MachineRecord {
  name: string;
  /** machines/<name> in the store. */
  dir: string;
  /** The store root this record was loaded from (not the one recorded in it). */
  storePath: string;
  config: MachineConfig;
}

export type StoreEntry =
  | { kind: 'ok'; machine: MachineRecord }
  | { kind: 'error'; name: string; dir: string; error: string };

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** docker-machine's store on disk: one directory per machine under machines/, shared certs under certs/. */
export class MachineStore {
  constructor(readonly root: string) {}

  get machinesDir(): string {
    return join(this.root, 'machines');
  }

  get certsDir(): string {
    return join(this.root, 'certs');
  }

  machineDir(name: string): string {
    return join(this.machinesDir, name);
  }

  /** Every machine, in docker-machine's order; a broken one is an error entry, never a thrown error. */
  async list(): Promise<StoreEntry[]> {
    let names: string[];
    try {
      const dirents = await readdir(this.machinesDir, { withFileTypes: true });
      names = dirents.filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return []; // a store nobody has written to yet
      throw new BerthError('STORE_ERROR', `Cannot read the machine store ${this.machinesDir}: ${(err as Error).message}`);
    }
    const entries = await Promise.all(names.map((name) => this.entry(name)));
    return entries.sort((a, b) => compareNatural(entryName(a).toLowerCase(), entryName(b).toLowerCase()));
  }

  private async entry(name: string): Promise<StoreEntry> {
    try {
      return { kind: 'ok', machine: await this.load(name) };
    } catch (err) {
      return { kind: 'error', name, dir: this.machineDir(name), error: (err as Error).message };
    }
  }

  /** Loads one machine; throws BerthError NOT_FOUND or CORRUPT_CONFIG. */
  async load(name: string): Promise<MachineRecord> {
    const problem = machineNameProblem(name);
    if (problem) throw new BerthError('INVALID_NAME', problem);
    const dir = this.machineDir(name);
    let text: string;
    try {
      // A link would let the store point Berth at any file (and echo it in an error): regular files only.
      if ((await lstat(join(dir, 'config.json'))).isSymbolicLink()) {
        throw new BerthError('CORRUPT_CONFIG', `Machine "${name}": config.json is a symbolic link; Berth reads only a regular file there`);
      }
      text = await readFile(join(dir, 'config.json'), 'utf8');
    } catch (err) {
      if (err instanceof BerthError) throw err;
      const code = errnoCode(err);
      if (code === 'ENOENT') {
        const dirExists = await readdir(dir).then(
          () => true,
          () => false,
        );
        if (!dirExists) throw new BerthError('NOT_FOUND', machineMissing(name));
        throw new BerthError('CORRUPT_CONFIG', `Machine "${name}": config.json is missing in ${dir}`);
      }
      throw new BerthError('CORRUPT_CONFIG', `Machine "${name}": config.json is unreadable (${code ?? (err as Error).message})`);
    }
    try {
      return { name, dir, storePath: this.root, config: parseMachineConfig(text) };
    } catch (err) {
      if (err instanceof ConfigParseError) throw new BerthError('CORRUPT_CONFIG', `Machine "${name}": ${err.message}`);
      throw err;
    }
  }

  async save(record: MachineRecord): Promise<void> {
    const file = join(record.dir, 'config.json');
    await withStoreLock(file, () => writeFileAtomic(file, serializeMachineConfig(record.config), 0o600));
  }

  /**
   * A read-modify-write of one machine's config.json under the store lock: `change` sees the file
   * as it is now (another process may have written it since this one loaded it), so fields others
   * changed are kept. Returns the record as saved.
   */
  async update(name: string, change: (config: MachineRecord['config']) => void): Promise<MachineRecord> {
    const file = join(this.machineDir(name), 'config.json');
    return withStoreLock(file, async () => {
      const record = await this.load(name);
      change(record.config);
      await writeFileAtomic(file, serializeMachineConfig(record.config), 0o600);
      return record;
    });
  }
}

function entryName(e: StoreEntry): string {
  return e.kind === 'ok' ? e.machine.name : e.name;
}

/** Stale temp files in every folder Berth writes: the store, certs/, cache/ and each machine's directory. */
export async function removeStaleStoreTemp(storePath: string): Promise<string[]> {
  const machinesDir = join(storePath, 'machines');
  const machineDirs = (await readdir(machinesDir).catch(() => [] as string[])).map((n) => join(machinesDir, n));
  return removeStaleTempFiles([storePath, join(storePath, 'certs'), join(storePath, 'cache'), ...machineDirs]);
}

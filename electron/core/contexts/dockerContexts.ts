import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readTlsFiles, type TlsFiles } from '../docker/dockerVersion';
import { BerthError } from '../errors';
import { writeFileAtomic } from '../store/atomicWrite';
import { withStoreLock } from '../store/storeLock';

/**
 * Docker contexts in the docker CLI's own store, so `docker --context NAME`, Compose, Buildx and
 * editors reach a machine without `eval $(berth env)`: `contexts/meta/<sha256(name)>/meta.json`
 * with the endpoint, `contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem` (0600), and
 * `currentContext` in `config.json` (every other key kept). Berth marks the contexts it made, and
 * changes or removes only those.
 */
export const BERTH_MARK = 'Berth machine';

export interface ContextState {
  name: string;
  exists: boolean;
  /** Made by Berth (a context of the same name made by someone else is never touched). */
  ours: boolean;
  current: boolean;
  host: string | null;
}

export const dockerConfigDir = (env: NodeJS.ProcessEnv = process.env): string => env.DOCKER_CONFIG || join(homedir(), '.docker');
const contextId = (name: string): string => createHash('sha256').update(name).digest('hex');
const metaDir = (dir: string, name: string): string => join(dir, 'contexts', 'meta', contextId(name));
const tlsDir = (dir: string, name: string): string => join(dir, 'contexts', 'tls', contextId(name));

interface Meta {
  Name?: string;
  Metadata?: { Description?: string };
  Endpoints?: { docker?: { Host?: string } };
}

/** A JSON file's text and value; both null when there is no file. */
async function readJson<T>(file: string, what: string): Promise<{ text: string | null; value: T | null }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { text: null, value: null };
    throw new BerthError('STORE_ERROR', `Cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return { text, value: JSON.parse(text) as T };
  } catch {
    throw new BerthError('STORE_ERROR', `${what} ${file} is not valid JSON: Berth leaves it alone`);
  }
}

/** The docker CLI's config.json as text and object ({} when there is none), read once. */
async function readConfig(dir: string): Promise<{ text: string | null; config: Record<string, unknown> }> {
  const file = join(dir, 'config.json');
  const { text, value } = await readJson<unknown>(file, "The docker CLI's");
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) throw new BerthError('STORE_ERROR', `The docker CLI's ${file} does not hold a JSON object: Berth leaves it alone`);
  return { text, config: (value ?? {}) as Record<string, unknown> };
}

/** Writes config.json with one key changed, in the indentation the file had (the docker CLI's is a tab). */
async function updateConfig(dir: string, change: (config: Record<string, unknown>) => void): Promise<void> {
  const file = join(dir, 'config.json');
  await withStoreLock(file, async () => {
    const { text, config } = await readConfig(dir);
    change(config);
    const indent = /^\{\r?\n([ \t]+)"/.exec(text ?? '')?.[1] ?? '\t';
    await writeFileAtomic(file, JSON.stringify(config, null, indent), 0o600);
  });
}

export async function contextState(name: string, dir = dockerConfigDir()): Promise<ContextState> {
  const meta = (await readJson<Meta>(join(metaDir(dir, name), 'meta.json'), 'Docker context')).value;
  const { config } = await readConfig(dir);
  return {
    name,
    exists: meta !== null,
    ours: meta?.Metadata?.Description?.startsWith(BERTH_MARK) ?? false,
    current: config.currentContext === name,
    host: meta?.Endpoints?.docker?.Host ?? null,
  };
}

/** Creates or updates the context named after the machine; refuses to replace one Berth did not make. */
export async function writeContext(name: string, host: string, tls: TlsFiles, dir = dockerConfigDir()): Promise<void> {
  const state = await contextState(name, dir);
  if (state.exists && !state.ours) {
    throw new BerthError('INVALID_NAME', `A docker context named "${name}" exists and was not made by Berth: it is left as it is (remove it with docker context rm ${name})`);
  }
  const meta = { Name: name, Metadata: { Description: `${BERTH_MARK} ${name}` }, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } };
  const tlsFiles = join(tlsDir(dir, name), 'docker');
  const { ca, cert, key } = await readTlsFiles(tls);
  await writeFileAtomic(join(tlsFiles, 'ca.pem'), ca, 0o600);
  await writeFileAtomic(join(tlsFiles, 'cert.pem'), cert, 0o600);
  await writeFileAtomic(join(tlsFiles, 'key.pem'), key, 0o600);
  await writeFileAtomic(join(metaDir(dir, name), 'meta.json'), JSON.stringify(meta), 0o600);
}

/** Makes the context current (`docker context use`), keeping every other key of config.json. */
export async function useContext(name: string | null, dir = dockerConfigDir()): Promise<void> {
  await updateConfig(dir, (config) => {
    if (name === null) delete config.currentContext;
    else config.currentContext = name;
  });
}

/** Removes a context Berth made (and stops it being current); false when there was none of ours. */
export async function removeContext(name: string, dir = dockerConfigDir()): Promise<boolean> {
  const state = await contextState(name, dir);
  if (!state.exists || !state.ours) return false;
  if (state.current) await useContext(null, dir);
  await rm(metaDir(dir, name), { recursive: true, force: true });
  await rm(tlsDir(dir, name), { recursive: true, force: true });
  return true;
}

import { readFile } from 'node:fs/promises';
import type Docker from 'dockerode';
import { withDeadline } from '../util/deadline';

export interface TlsFiles {
  caPath: string;
  certPath: string;
  keyPath: string;
}

export interface EngineVersion {
  Version: string;
  ApiVersion: string;
  [key: string]: unknown;
}

/**
 * dockerode, loaded on first use: it is the slowest module to load, and most CLI commands never need
 * it. Callers that probe under a deadline load it first, so loading never eats into a host's time.
 */
export function loadDockerClient(): Promise<typeof Docker> {
  return import('dockerode').then((m) => m.default);
}

/** A Docker API client for a machine's `tcp://` URL over mutual TLS with its client certificates. */
export async function engineClient(url: string, tls: TlsFiles, timeoutMs: number): Promise<Docker> {
  const parsed = new URL(url.replace(/^tcp:/, 'https:'));
  const [ca, cert, key] = await Promise.all([readFile(tls.caPath), readFile(tls.certPath), readFile(tls.keyPath)]);
  const DockerClient = await loadDockerClient();
  return new DockerClient({ host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 2376), protocol: 'https', ca, cert, key, timeout: timeoutMs });
}

/**
 * Docker's `/version` over mutual TLS, bounded by `timeoutMs` (then DeadlineError). No API version is pinned in the path, so every Engine
 * answers (docker-machine pinned v1.15, which Docker ≥ 25 rejects).
 */
export async function fetchEngineVersion(url: string, tls: TlsFiles, timeoutMs: number): Promise<EngineVersion> {
  const docker = await engineClient(url, tls, timeoutMs);
  // Abort at the deadline so no socket outlives the answer (a mute daemon would keep the process alive).
  const controller = new AbortController();
  const version = docker.version as unknown as (opts: { abortSignal: AbortSignal }) => Promise<EngineVersion>;
  try {
    return await withDeadline(version.call(docker, { abortSignal: controller.signal }), timeoutMs);
  } finally {
    controller.abort();
  }
}

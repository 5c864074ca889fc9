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

/** A machine's `tcp://IP:PORT` Docker URL taken apart: `addr` as docker-machine prints it (IPv6 bracketed), `host` without brackets. */
export function dockerEndpoint(url: string): { host: string; port: number; addr: string } {
  const parsed = new URL(url.replace(/^tcp:/, 'https:'));
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 2376), addr: parsed.host };
}

/** The contents of a machine's client TLS files. */
export async function readTlsFiles(tls: TlsFiles): Promise<{ ca: Buffer; cert: Buffer; key: Buffer }> {
  const [ca, cert, key] = await Promise.all([readFile(tls.caPath), readFile(tls.certPath), readFile(tls.keyPath)]);
  return { ca, cert, key };
}

/** A Docker API client for a machine's `tcp://` URL over mutual TLS with its client certificates. */
export async function engineClient(url: string, tls: TlsFiles, timeoutMs: number): Promise<Docker> {
  const { host, port } = dockerEndpoint(url);
  const files = await readTlsFiles(tls);
  const DockerClient = await loadDockerClient();
  return new DockerClient({ host, port, protocol: 'https', ...files, timeout: timeoutMs });
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

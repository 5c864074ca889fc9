import { readFile } from 'node:fs/promises';
import Docker from 'dockerode';

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
 * Docker's `/version` over mutual TLS. No API version is pinned in the path, so every Engine
 * answers (docker-machine pinned v1.15, which Docker ≥ 25 rejects).
 */
export async function fetchEngineVersion(url: string, tls: TlsFiles, timeoutMs: number): Promise<EngineVersion> {
  const parsed = new URL(url.replace(/^tcp:/, 'https:'));
  const [ca, cert, key] = await Promise.all([readFile(tls.caPath), readFile(tls.certPath), readFile(tls.keyPath)]);
  const docker = new Docker({
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port || 2376),
    protocol: 'https',
    ca,
    cert,
    key,
    timeout: timeoutMs,
  });
  // The modem's own timeout covers the request; dockerode's typings omit the options argument.
  return (await docker.version()) as unknown as EngineVersion;
}

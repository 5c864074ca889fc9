import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AboutInfo } from '../../../shared/types';

/** Berth's version, from package.json (read once; it does not change while running). */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The `docker` client on PATH, if any: `docker version` without a daemon still prints the client part. */
export function dockerClientVersion(timeoutMs = 5000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('docker', ['version', '--format', '{{.Client.Version}}'], { timeout: timeoutMs }, (err, stdout) => {
      const version = stdout.trim();
      // Exit status is non-zero when no daemon answers, yet the client version was printed.
      resolve(/^\d+\.\d+/.test(version) ? version : err ? null : version || null);
    });
  });
}

/** The client version is asked once a minute at most: each ask spawns `docker`, and About can be asked in a loop. */
const CLIENT_VERSION_TTL_MS = 60_000;
let clientVersion: { at: number; value: Promise<string | null> } | null = null;

export async function aboutInfo(storePath: string, logFile: string, now = Date.now()): Promise<AboutInfo> {
  if (!clientVersion || now - clientVersion.at > CLIENT_VERSION_TTL_MS) clientVersion = { at: now, value: dockerClientVersion() };
  return {
    appVersion: APP_VERSION,
    dockerClientVersion: await clientVersion.value,
    storePath,
    logFile,
    platform: `${process.platform}-${process.arch}`,
    nodeVersion: process.versions.node,
  };
}

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AboutInfo } from '../../../shared/types';

/**
 * Berth's version, from the package.json of the nearest folder above this module that is Berth's
 * (read once). Looked up, not a fixed relative path: the same code runs from its sources and from
 * the built bundles in out/.
 */
export const APP_VERSION: string = (() => {
  let dir = new URL('.', import.meta.url);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'berth') return pkg.version;
    } catch {
      // No package.json here: look further up.
    }
    const up = new URL('..', dir);
    if (up.href === dir.href) return 'unknown';
    dir = up;
  }
})();

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

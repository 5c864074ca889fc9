import { BerthError } from '../errors';

/** One end of a copy: a path on this computer, or on a machine (with the SSH user it names, if any). */
export type Location = { machine: null; path: string } | { machine: string; user: string | null; path: string };

/**
 * docker-machine's `[USER@]MACHINE:PATH` argument: no colon is a local path, `localhost:` is this
 * computer too, and an empty remote path is the login user's home (SFTP resolves relative paths
 * there, as scp does; `~/` is read the same way). A Windows drive (`C:\…`) stays local.
 */
export function parseLocation(arg: string, platform: NodeJS.Platform = process.platform): Location {
  if (arg === '') throw new BerthError('INVALID_PAYLOAD', 'Error: an empty path is not a file');
  const colon = arg.indexOf(':');
  if (colon < 0 || (platform === 'win32' && /^[A-Za-z]:[\\/]/.test(arg))) return { machine: null, path: arg };
  const host = arg.slice(0, colon);
  const path = remotePath(arg.slice(colon + 1));
  const at = host.indexOf('@');
  const [user, machine] = at < 0 ? [null, host] : [host.slice(0, at), host.slice(at + 1)];
  if (machine === 'localhost') return { machine: null, path: arg.slice(colon + 1) || '.' };
  if (machine === '') throw new BerthError('INVALID_PAYLOAD', `Error: ${JSON.stringify(arg)} names no machine before its colon`);
  return { machine, user: user || null, path };
}

function remotePath(p: string): string {
  if (p === '' || p === '~') return '.';
  return p.startsWith('~/') ? p.slice(2) || '.' : p;
}

/** How errors and progress name a location: `web-1:/srv/x` or the local path as given. */
export function describeLocation(l: Location): string {
  return l.machine === null ? l.path : `${l.machine}:${l.path}`;
}

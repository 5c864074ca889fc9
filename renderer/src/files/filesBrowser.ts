/** Pure helpers of the Files tab: remote paths (always POSIX), sizes and permissions as `ls -l` shows them. */

export function parentOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  return cut <= 0 ? '/' : trimmed.slice(0, cut);
}

export function childOf(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir.replace(/\/+$/, '')}/${name}`;
}

/** A name typed for a new folder or a rename: one path part, nothing that would leave the folder. */
export function nameProblem(name: string): string | null {
  if (name.trim() === '') return 'Type a name';
  if (name.includes('/')) return 'A name cannot hold "/"';
  if (name === '.' || name === '..') return `"${name}" is not a name`;
  if (name.includes('\0')) return 'A name cannot hold a NUL';
  return null;
}

export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) [v, i] = [v / 1000, i + 1];
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** `rwxr-xr-x`, with setuid/setgid/sticky as ls marks them. */
export function formatMode(mode: number): string {
  const bits = ['r', 'w', 'x'];
  let out = '';
  for (let i = 8; i >= 0; i--) out += mode & (1 << i) ? bits[(8 - i) % 3] : '-';
  const mark = (pos: number, on: boolean, exec: string, noExec: string): void => {
    if (on) out = out.slice(0, pos) + (out[pos] === 'x' ? exec : noExec) + out.slice(pos + 1);
  };
  mark(2, (mode & 0o4000) !== 0, 's', 'S');
  mark(5, (mode & 0o2000) !== 0, 's', 'S');
  mark(8, (mode & 0o1000) !== 0, 't', 'T');
  return out;
}

export function formatTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

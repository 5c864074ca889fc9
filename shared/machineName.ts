/** docker-machine's rule for machine names (libmachine/host.ValidateHostName). */
export const MACHINE_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9\-.]*$/;

/**
 * Longest machine name: a host name label (the machine's hostname is set to its name), and far below
 * any file-name limit of the store's folders.
 */
export const MACHINE_NAME_MAX = 63;

/** A name as echoed in messages: control characters escaped (one line), long ones cut (never kilobytes of input). */
function shown(name: string): string {
  const cut = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** Returns a user-facing reason why `name` is not a valid machine name, or null when it is. */
export function machineNameProblem(name: string): string | null {
  if (name.length === 0) return 'A machine name is required.';
  if (name.length > MACHINE_NAME_MAX) return `Machine name "${shown(name)}" is ${name.length} characters long: at most ${MACHINE_NAME_MAX} are allowed.`;
  if (MACHINE_NAME_PATTERN.test(name)) return null;
  if (!/^[a-zA-Z0-9]/.test(name)) {
    return `Machine name "${shown(name)}" must start with a letter or a digit.`;
  }
  const bad = [...new Set([...name].filter((c) => !/[a-zA-Z0-9\-.]/.test(c)))].slice(0, 10);
  const list = bad.map((c) => (c === ' ' ? 'space' : JSON.stringify(c))).join(', ');
  return `Machine name "${shown(name)}" contains ${list}: only letters, digits, "-" and "." are allowed.`;
}

/** docker-machine's rule for machine names (libmachine/host.ValidateHostName). */
export const MACHINE_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9\-.]*$/;

/** Returns a user-facing reason why `name` is not a valid machine name, or null when it is. */
export function machineNameProblem(name: string): string | null {
  if (name.length === 0) return 'A machine name is required.';
  if (MACHINE_NAME_PATTERN.test(name)) return null;
  if (!/^[a-zA-Z0-9]/.test(name)) {
    return `Machine name "${name}" must start with a letter or a digit.`;
  }
  const bad = [...new Set([...name].filter((c) => !/[a-zA-Z0-9\-.]/.test(c)))];
  const shown = bad.map((c) => (c === ' ' ? 'space' : `"${c}"`)).join(', ');
  return `Machine name "${name}" contains ${shown}: only letters, digits, "-" and "." are allowed.`;
}

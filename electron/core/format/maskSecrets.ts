/** Field names whose values are credentials in docker-machine's driver configs (cloud tokens, passwords, keys). */
const SECRET = /(password|passwd|secret|token|apikey|api_key|accesskey|access_key|privatekey|credential)/i;
/** …but these name where a secret lives, or public material: shown as they are. */
const NOT_SECRET = /(path|file|url|pub|fingerprint|name|id)$/i;

export const MASK = '*****';

/**
 * A copy of a machine config for display, with credential values masked (docker-machine's
 * `inspect` printed cloud tokens and passwords as they were).
 */
export function maskSecrets(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  if (typeof value === 'string' && value !== '' && SECRET.test(key) && !NOT_SECRET.test(key)) return MASK;
  return value;
}

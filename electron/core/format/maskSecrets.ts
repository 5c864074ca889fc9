/**
 * Credentials never shown: docker-machine's `inspect` printed cloud tokens and passwords as they
 * were. Masked by the name they are kept under (driver fields, env entries, URL query parameters)
 * and by their form (a URL's password), in records, logs and error messages alike.
 */

/** Names whose values are credentials (cloud tokens, passwords, keys, passphrases). */
const SECRET = /(password|passwd|passphrase|secret|token|apikey|api_key|accesskey|access_key|privatekey|private_key|credential)/i;
/** …but these name where a secret lives, public material or a property of one: shown as they are. */
const NOT_SECRET = /(path|file|url|pub|fingerprint|name|id|enabled|ttl|type|expiry|expires)$/i;

export const MASK = '*****';

export function isSecretName(name: string): boolean {
  return SECRET.test(name) && !NOT_SECRET.test(name);
}

/** Everything under a secret name is masked, whatever its type or depth (booleans say nothing). */
function maskAll(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskAll);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskAll(v)]));
  if ((typeof value === 'string' && value !== '') || typeof value === 'number' || typeof value === 'bigint') return MASK;
  return value;
}

/**
 * A copy of a machine config (or any JSON value) for display: values under secret names masked,
 * and secrets inside strings (env entries, URLs) masked by `maskText`.
 */
export function maskSecrets(value: unknown, key = ''): unknown {
  if (key && isSecretName(key)) return maskAll(value);
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  return typeof value === 'string' ? maskText(value) : value;
}

/** scheme://user:password@host — the password part. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):([^\s/?#@]+)@/gi;
/**
 * NAME=value, --name=value, name: value, "name": "value" (JSON), ?name=value (a URL query), where
 * the name says it is a secret. A colon counts only before a space or a quote (not in `https://`);
 * after `name: ` a word that itself ends a colon pair is the next key, not this one's value
 * (`sudo: password: x`).
 */
const ASSIGNMENT = /(^|[\s"'{,;&?])(-{0,2}[A-Za-z_][A-Za-z0-9_.-]*"?)(=|:[ \t]+|:(?=["']))(?!(?<=:[ \t]+)[^\s"'&,;}]*:[ \t]+\S)("[^"]*"|'[^']*'|[^\s"'&,;}]+)/g;

/** Free text (a log line, an error message, an env entry, a flag): its secrets masked. */
export function maskText(text: string): string {
  return text
    .replace(URL_PASSWORD, (_m, head: string) => `${head}:${MASK}@`)
    .replace(ASSIGNMENT, (m, lead: string, name: string, sep: string, value: string, at: number, whole: string) =>
      isSecretName(name.replace(/^-+|"$/g, '')) && value !== MASK && (sep === '=' || keyPosition(whole, at, lead, name))
        ? `${lead}${name}${sep}${MASK}`
        : m,
    );
}

/**
 * `name: value` is a pair only where a key stands: at a line's start (YAML, `- item`), after `{`, `,`,
 * `;` or another pair's colon, or quoted (JSON). In a sentence it is prose — "No SSH credentials: give
 * --generic-ssh-key…", "cannot rotate the join tokens: Error response…" lost their next word.
 */
function keyPosition(text: string, at: number, lead: string, name: string): boolean {
  if (lead === '"' && name.endsWith('"')) return true;
  const before = text.slice(text.lastIndexOf('\n', at) + 1, at + lead.length).trimEnd();
  return before === '' || /[{,;:-]$/.test(before);
}

/** Masks exact known secret values (a password typed for this run) wherever they appear. */
export function maskValues(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 3) out = out.split(s).join(MASK);
  return out;
}

/** Free text with its secrets masked by form and the run's own `secrets` by value. */
export function maskTextAndValues(text: string, secrets: (string | undefined)[]): string {
  return maskValues(maskText(text), secrets);
}

/** A progress event as it may leave the core: its log text and step detail masked. */
export function maskProgress<E extends { kind: string; text?: string; detail?: string }>(e: E, secrets: (string | undefined)[] = []): E {
  const clean = (t: string): string => maskTextAndValues(t, secrets);
  if (e.kind === 'log' && e.text !== undefined) return { ...e, text: clean(e.text) };
  if (e.kind === 'step' && e.detail !== undefined) return { ...e, detail: clean(e.detail) };
  return e;
}

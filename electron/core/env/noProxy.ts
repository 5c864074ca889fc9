/**
 * Adds `ip` to a NO_PROXY list unless an entry equals it exactly (docker-machine used a substring
 * test, so 10.0.0.1 looked present when 10.0.0.10 was listed).
 */
export function addToNoProxy(list: string, ip: string): string {
  const entries = list
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.includes(ip)) return entries.join(',');
  return [...entries, ip].join(',');
}

/** docker-machine's choice: the lower-case variable when it is set, else NO_PROXY. */
export function noProxyVariable(env: Record<string, string | undefined>): { name: string; value: string } {
  const lower = env.no_proxy;
  if (lower) return { name: 'no_proxy', value: lower };
  return { name: 'NO_PROXY', value: env.NO_PROXY ?? '' };
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import SSHConfig, { LineType } from 'ssh-config';
import type { LocalSshSetup, SshConfigHost } from '../../../shared/types';

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

const isPattern = (alias: string): boolean => /[*?!]/.test(alias);

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** `~` and `%d` both mean the home directory in ssh_config paths. */
function expandHome(path: string, home: string): string {
  return path.replace(/^~(?=$|\/)/, home).replaceAll('%d', home);
}

/**
 * The concrete hosts of an ssh_config (wildcard patterns are not hosts), each with HostName, User,
 * Port and IdentityFile resolved the way `ssh -G` merges matching blocks.
 */
export function sshConfigHosts(text: string, home: string): SshConfigHost[] {
  const config = SSHConfig.parse(text);
  const aliases: string[] = [];
  for (const line of config) {
    if (line.type !== LineType.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
    for (const alias of Array.isArray(line.value) ? line.value.map((v) => v.val) : [line.value]) {
      if (!isPattern(alias) && !aliases.includes(alias)) aliases.push(alias);
    }
  }
  return aliases.map((alias) => {
    // Listing hosts must never run the user's `Match exec` commands.
    const c = config.compute(alias, { ignoreCase: true, matchExec: false }) as Record<string, string | string[] | undefined>;
    const port = Number(first(c.port));
    const identity = first(c.identityfile);
    return {
      alias,
      hostName: (first(c.hostname) ?? alias).replaceAll('%h', alias),
      user: first(c.user) ?? null,
      port: Number.isInteger(port) && port > 0 ? port : null,
      identityFile: identity ? expandHome(identity, home) : null,
    };
  });
}

/** What the create wizard can offer from the user's own SSH set-up: config hosts, keys, agent. */
export async function localSshSetup(home: string, env: NodeJS.ProcessEnv): Promise<LocalSshSetup> {
  const sshDir = join(home, '.ssh');
  let configHosts: SshConfigHost[] = [];
  let configError: string | null = null;
  try {
    configHosts = sshConfigHosts(await readFile(join(sshDir, 'config'), 'utf8'), home);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code !== 'ENOENT') configError = `Cannot read ${join(sshDir, 'config')}: ${e.message}`;
  }
  return {
    configHosts,
    configError,
    keys: DEFAULT_KEYS.map((k) => join(sshDir, k)).filter((p) => existsSync(p)),
    agent: Boolean(env.SSH_AUTH_SOCK),
  };
}

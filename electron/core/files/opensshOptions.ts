import type { SshTarget } from '../ssh/sshSession';

/**
 * The system OpenSSH client options that reach a machine exactly as Berth does (its key only, its
 * port, Berth's pinned host keys, never a question): for the tools that run their own ssh — rsync
 * (`scp -d`) and sshfs (`mount`). A machine signed into by password cannot be reached this way.
 */
export function opensshOptions(target: SshTarget, knownHostsFile: string): string[] {
  const key = target.auth.privateKeyPath;
  return [
    `Port=${target.port}`,
    ...(key ? [`IdentityFile=${key}`, 'IdentitiesOnly=yes'] : []),
    `UserKnownHostsFile=${knownHostsFile}`,
    'StrictHostKeyChecking=yes',
    'BatchMode=yes',
  ];
}

/** `user@host`, with an IPv6 address in brackets as OpenSSH's tools take it in `host:path`. */
export function sshDestination(target: SshTarget): string {
  return `${target.user}@${target.host.includes(':') ? `[${target.host}]` : target.host}`;
}

import type { EngineOptions } from '../store/machineConfig';
import { shellQuote } from '../util/shellQuote';

/** Where the server's TLS material lives on the host (docker-machine's paths). */
export const REMOTE_TLS = { ca: '/etc/docker/ca.pem', cert: '/etc/docker/server.pem', key: '/etc/docker/server-key.pem' } as const;

export const SYSTEMD_DROP_IN = '/etc/systemd/system/docker.service.d/10-berth.conf';
/**
 * docker-machine's drop-in (its `provision`/`regenerate-certs` write it). It sorts after Berth's, so
 * its `ExecStart=/usr/bin/dockerd …` wins — a path Debian does not have: Docker fails at its next start.
 */
export const DOCKER_MACHINE_DROP_IN = '/etc/systemd/system/docker.service.d/10-machine.conf';
export const SUPERVISOR = '/usr/local/sbin/berth-dockerd';
export const SUPERVISOR_LOG = '/var/log/berth-dockerd.log';
export const SUPERVISOR_PID = '/run/berth-dockerd.pid';

/**
 * dockerd's arguments: the unix socket (or systemd's fd://), TCP with --tlsverify, and the engine
 * options as docker-machine maps them (ArbitraryFlags k=v → --k=v).
 */
export function dockerdArgs(opts: { enginePort: number; engine: EngineOptions; socket: 'fd' | 'unix'; containerd?: string }): string[] {
  const e = opts.engine;
  const args = [
    '-H', opts.socket === 'fd' ? 'fd://' : 'unix:///var/run/docker.sock',
    '-H', `tcp://0.0.0.0:${opts.enginePort}`,
    ...(opts.containerd ? [`--containerd=${opts.containerd}`] : []),
    '--tlsverify', '--tlscacert', REMOTE_TLS.ca, '--tlscert', REMOTE_TLS.cert, '--tlskey', REMOTE_TLS.key,
  ];
  if (e.StorageDriver) args.push('--storage-driver', e.StorageDriver);
  if (e.GraphDir) args.push('--data-root', e.GraphDir);
  if (e.LogLevel) args.push('--log-level', e.LogLevel);
  if (e.Ipv6) args.push('--ipv6');
  if (e.SelinuxEnabled) args.push('--selinux-enabled');
  for (const label of e.Labels ?? []) args.push('--label', label);
  for (const reg of e.InsecureRegistry ?? []) args.push('--insecure-registry', reg);
  for (const mirror of e.RegistryMirror ?? []) args.push('--registry-mirror', mirror);
  for (const dns of e.Dns ?? []) args.push('--dns', dns);
  for (const flag of e.ArbitraryFlags ?? []) args.push(`--${flag}`);
  return args;
}

/** systemd's ExecStart quoting: every word double-quoted, with \, ", % and $ escaped. */
function systemdWord(word: string): string {
  return `"${word.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$')}"`;
}

/** A drop-in that replaces docker.service's ExecStart (systemd needs the empty ExecStart= first). */
export function systemdDropIn(dockerd: string, args: string[], env: string[]): string {
  return [
    '# Written by Berth: Docker with TLS on TCP. Remove this file to undo.',
    '[Service]',
    'ExecStart=',
    `ExecStart=${[dockerd, ...args].map(systemdWord).join(' ')}`,
    'Environment=',
    ...env.map((kv) => `Environment=${systemdWord(kv)}`),
    '',
  ].join('\n');
}

/** For hosts without systemd: a loop that keeps dockerd running, started detached by provisioning. */
export function supervisorScript(dockerd: string, args: string[], env: string[]): string {
  return [
    '#!/bin/sh',
    '# Written by Berth: keeps dockerd running with TLS on TCP on a host without systemd.',
    `echo $$ > ${SUPERVISOR_PID}`,
    ...env.map((kv) => `export ${shellQuote(kv)}`),
    'while :; do',
    `  ${[dockerd, ...args].map(shellQuote).join(' ')}`,
    '  sleep 2',
    'done',
    '',
  ].join('\n');
}

/** The -H fd:// and --containerd flags of the unit's original ExecStart, which the drop-in keeps. */
export function originalSocketFlags(execStart: string): { socket: 'fd' | 'unix'; containerd?: string } {
  const containerd = /--containerd[= ](\S+)/.exec(execStart)?.[1];
  return { socket: /fd:\/\//.test(execStart) ? 'fd' : 'unix', ...(containerd ? { containerd } : {}) };
}

import { createInterface } from 'node:readline/promises';
import { BerthError } from '../core/errors';
import { knownHostsPath, lookupPinned } from '../core/ssh/hostKeys';
import { connectMachine, machineSshTarget } from '../core/ssh/machineSsh';
import { type ConnectOptions, probeHostKey, type SshSession } from '../core/ssh/sshSession';
import type { MachineRecord } from '../core/store/machineStore';

/** A yes/no question on the terminal (stderr, so stdout stays clean for scripts). */
export async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(question);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

/**
 * `--accept-host-key new`: trust whatever key a host offers the first time and pin it (OpenSSH's
 * StrictHostKeyChecking=accept-new) — docker-machine never checked host keys, and callers such as
 * GitLab Runner cannot answer a question. A key that changed later is still refused.
 */
export const ACCEPT_NEW = 'new';

/** The host key to trust on first contact: the flag, or the user's answer on a terminal. */
export async function hostKeyToAccept(host: string, port: number, storePath: string, flag: string | undefined, interactive: boolean): Promise<string | undefined> {
  const probe = await probeHostKey(host, port, knownHostsPath(storePath));
  if (probe.status === 'pinned') return undefined;
  if (flag === ACCEPT_NEW && probe.status === 'unknown') {
    process.stderr.write(`Warning: trusting the host key of ${host}:${port} on first use: ${probe.fingerprint} (${probe.keyType})\n`);
    return probe.fingerprint;
  }
  if (flag && flag !== ACCEPT_NEW) {
    if (flag !== probe.fingerprint) {
      throw new BerthError('HOST_KEY_UNTRUSTED', `${host}:${port} offers host key ${probe.fingerprint}, not the ${flag} given with --accept-host-key`);
    }
    return flag;
  }
  if (probe.status === 'changed') {
    throw new BerthError(
      'HOST_KEY_CHANGED',
      `Host key changed for ${host}:${port}: pinned ${probe.pinnedFingerprint}, now offered ${probe.fingerprint} (${probe.keyType}). Refused; to re-trust it, re-run with --accept-host-key ${probe.fingerprint}`,
    );
  }
  if (interactive && (await ask(`The host key of ${host}:${port} is ${probe.fingerprint} (${probe.keyType}). Trust it? [y/N] `))) return probe.fingerprint;
  throw new BerthError(
    'HOST_KEY_UNTRUSTED',
    `The host key of ${host}:${port} is not known yet: ${probe.fingerprint} (${probe.keyType}). Check it, then re-run with --accept-host-key ${probe.fingerprint}`,
  );
}

/** The first line of stdin (a password given with --…-stdin), without its line end. */
export async function readStdinLine(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) {
    data += String(chunk);
    if (data.includes('\n')) break;
  }
  return data.split('\n')[0]!.replace(/\r$/, '');
}

/** A secret typed on the terminal, not echoed (stderr carries the question). */
export function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let typed = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const done = (): void => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          done();
          return resolve(typed);
        }
        if (ch === '\u0003') {
          done();
          return reject(new BerthError('CANCELLED', 'Cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else if (ch >= ' ') typed += ch;
      }
    };
    input.on('data', onData);
  });
}

/**
 * A saved machine's connection for `ssh`, `scp` and `mount`: with a pinned key and no flag it
 * connects at once (no probe first — a copy of a small file must not pay two handshakes); a key that
 * changed meanwhile is explained as hostKeyToAccept explains it, with the flag that re-trusts it.
 */
export async function connectForCommand(
  record: MachineRecord,
  flag: string | undefined,
  interactive: boolean,
  opts: { user?: string } & Pick<ConnectOptions, 'compress' | 'agentForward'> = {},
): Promise<SshSession> {
  const { host, port } = machineSshTarget(record);
  const pinned = flag === undefined && (await lookupPinned(knownHostsPath(record.storePath), host, port)) !== null;
  const acceptHostKey = pinned ? undefined : await hostKeyToAccept(host, port, record.storePath, flag, interactive);
  try {
    return await connectMachine(record, { ...opts, acceptHostKey });
  } catch (err) {
    if (pinned && err instanceof BerthError && err.code === 'HOST_KEY_CHANGED') await hostKeyToAccept(host, port, record.storePath, flag, false);
    throw err;
  }
}

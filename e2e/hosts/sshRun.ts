import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Client } from 'ssh2';

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  privateKeyPath?: string;
  password?: string;
}

export interface SshResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The server's host key as `ssh-keygen -lf` prints it: SHA256:base64-without-padding. */
  hostKey: string;
}

/** One command over a fresh SSH connection (test helper: the app's own SSH layer is under test elsewhere). */
export async function sshRun(target: SshTarget, command: string, opts: { stdin?: string; timeoutMs?: number } = {}): Promise<SshResult> {
  const privateKey = target.privateKeyPath ? await readFile(target.privateKeyPath) : undefined;
  return new Promise((resolve, reject) => {
    const client = new Client();
    let hostKey = '';
    const timer = setTimeout(() => {
      client.end();
      reject(new Error(`ssh ${target.username}@${target.host}:${target.port} timed out`));
    }, opts.timeoutMs ?? 20_000);
    client
      .on('ready', () => {
        client.exec(command, (err, stream) => {
          if (err) return reject(err);
          let stdout = '';
          let stderr = '';
          let code: number | null = null;
          stream.on('data', (d: Buffer) => (stdout += d.toString()));
          stream.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          stream.on('exit', (c: number | null) => (code = c));
          stream.on('close', () => {
            clearTimeout(timer);
            client.end();
            resolve({ code, stdout, stderr, hostKey });
          });
          if (opts.stdin !== undefined) stream.end(opts.stdin);
        });
      })
      .on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      })
      .connect({
        host: target.host,
        port: target.port,
        username: target.username,
        privateKey,
        password: target.password,
        readyTimeout: 15_000,
        hostVerifier: (key: Buffer) => {
          hostKey = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
          return true;
        },
      });
  });
}

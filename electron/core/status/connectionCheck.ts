import { isIP } from 'node:net';
import { dockerEndpoint, readTlsFiles, type TlsFiles } from '../docker/dockerVersion';

/**
 * docker-machine's connection check before `env` and `config` print anything: one TLS handshake
 * with the machine's client certificate that verifies the server's certificate against the CA and
 * the recorded address. Callers depend on it failing: GitLab Runner's health check of a machine is
 * the exit code of `config`. Only node:tls is loaded, so `env` stays a quick command. Resolves with
 * the certificate the daemon presented (PEM), which adopting a daemon records.
 */
export async function tlsHandshake(url: string, files: TlsFiles, timeoutMs: number, material = tlsMaterial(files), signal?: AbortSignal): Promise<string> {
  const { connect, tls } = await material;
  signal?.throwIfAborted();
  const { host, port } = dockerEndpoint(url);
  return new Promise<string>((resolve, reject) => {
    const socket = connect({ host, port, ...tls, ...(isIP(host) ? {} : { servername: host }) });
    const end = (err: Error): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      socket.destroy();
      reject(err);
    };
    const abort = (): void => end(signal!.reason as Error);
    const timer = setTimeout(() => end(Object.assign(new Error('i/o timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
    signal?.addEventListener('abort', abort, { once: true });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      // The DER alone: getPeerCertificate() builds the whole legacy object (~1.5 ms of `berth env`).
      const der = socket.getPeerX509Certificate()!.raw;
      socket.destroy();
      resolve(`-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`);
    });
    socket.once('error', end);
  });
}

/**
 * node:tls and the machine's certificates, read: `env` starts this before its state check, so both
 * overlap the probe (a shell prompt's `berth env` waits for each millisecond).
 */
export function tlsMaterial(files: TlsFiles): Promise<{ connect: typeof import('node:tls').connect; tls: Awaited<ReturnType<typeof readTlsFiles>> }> {
  return Promise.all([import('node:tls'), readTlsFiles(files)]).then(([{ connect }, tls]) => ({ connect, tls }));
}

/** A failed handshake in Go's words, as docker-machine shows it (`dial tcp ADDR: connect: connection refused`). */
export function dialFailure(addr: string, err: NodeJS.ErrnoException): string {
  if (err.code === 'ECONNREFUSED') return `dial tcp ${addr}: connect: connection refused`;
  if (err.code === 'ETIMEDOUT') return `dial tcp ${addr}: i/o timeout`;
  if (err.code === 'EHOSTUNREACH') return `dial tcp ${addr}: connect: no route to host`;
  if (err.code === 'ECONNRESET') return `read tcp ${addr}: connection reset by peer`;
  return err.message;
}

/** docker-machine's ErrCertInvalid, wrapped as its connection checker wraps it; the advice names Berth's command. */
export function certCheckMessage(addr: string, reason: string): string {
  return (
    `Error checking and/or regenerating the certs: There was an error validating certificates for host ${JSON.stringify(addr)}: ${reason}\n` +
    `You can attempt to regenerate them using 'berth regenerate-certs [name]'.\n` +
    'Be advised that this will trigger a Docker daemon restart which might stop running containers.\n'
  );
}

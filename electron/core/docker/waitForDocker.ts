import { BerthError } from '../errors';
import { type EngineVersion, fetchEngineVersion, type TlsFiles } from './dockerVersion';

/** Polls Docker's `/version` over TLS until it answers, the deadline passes, or the action is cancelled. */
export async function waitForDocker(
  url: string,
  tls: TlsFiles,
  opts: { timeoutMs: number; signal?: AbortSignal; log?: (text: string) => void },
): Promise<EngineVersion> {
  const deadline = Date.now() + opts.timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (opts.signal?.aborted) throw new BerthError('CANCELLED', 'cancelled while waiting for Docker');
    try {
      const v = await fetchEngineVersion(url, tls, 5000);
      opts.log?.(`Docker ${v.Version} (API ${v.ApiVersion}) answers at ${url}\n`);
      return v;
    } catch (err) {
      last = (err as Error).message;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  throw new BerthError('UNREACHABLE', `Docker did not answer over TLS at ${url} within ${Math.round(opts.timeoutMs / 1000)} s (${last})`);
}

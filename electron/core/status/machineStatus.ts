import type { MachineStatus } from '../../../shared/types';
import { fetchEngineVersion } from '../docker/dockerVersion';
import type { Driver } from '../drivers/driver';
import { DeadlineError, withDeadline } from '../util/deadline';
import type { MachineRecord } from '../store/machineStore';
import { clientTlsFiles } from '../store/machineTls';

export interface StatusOptions {
  timeoutMs: number;
  /** The machine is active when its URL equals this (docker-machine's rule)… */
  dockerHost: string | undefined;
  /** …or when the user chose it as active in the app. */
  chosenActive: string | null;
}

function describeDockerError(err: unknown, url: string): string {
  const e = err as NodeJS.ErrnoException & { reason?: string; statusCode?: number };
  if (err instanceof DeadlineError) return `Docker at ${url} did not answer within ${err.ms} ms`;
  if (e.code === 'ENOENT') return `TLS certificate missing: ${e.message}`;
  if (e.code === 'ECONNREFUSED') return `Docker at ${url} refused the connection`;
  return `Docker at ${url}: ${e.message}`;
}

/**
 * One `ls` row's live part: the driver's state and, for a running machine, the Engine version.
 * Never throws and never takes longer than the timeout (then the row is Timeout, as in docker-machine).
 */
export async function probeMachineStatus(
  record: MachineRecord,
  driver: Driver,
  opts: StatusOptions,
): Promise<MachineStatus> {
  const started = Date.now();
  const elapsed = (): number => Date.now() - started;
  const run = async (): Promise<MachineStatus> => {
    const { state, error, detail } = await driver.state(record, opts.timeoutMs);
    const url = driver.url(record);
    const running = state === 'Running' && url !== null;
    let dockerVersion = 'Unknown';
    let dockerError: string | null = null;
    if (running) {
      try {
        // Leave a margin so a mute daemon is reported as such, not as an overall Timeout.
        const budget = Math.max(100, opts.timeoutMs - elapsed() - 200);
        const version = await fetchEngineVersion(url, clientTlsFiles(record), budget);
        dockerVersion = `v${version.Version}`;
      } catch (err) {
        dockerError = describeDockerError(err, url);
      }
    }
    const shownUrl = running ? url : '';
    const active = running && (opts.chosenActive !== null ? opts.chosenActive === record.name : url === opts.dockerHost);
    return {
      name: record.name,
      state,
      url: shownUrl,
      active,
      dockerVersion,
      error: error ?? dockerError,
      detail,
      responseMs: elapsed(),
    };
  };
  try {
    return await withDeadline(run(), opts.timeoutMs);
  } catch (err) {
    if (!(err instanceof DeadlineError)) throw err;
    return {
      name: record.name,
      state: 'Timeout',
      url: '',
      active: false,
      dockerVersion: '', // docker-machine's Timeout row leaves DOCKER empty
      error: null,
      detail: `No answer within ${opts.timeoutMs} ms`,
      responseMs: elapsed(),
    };
  }
}

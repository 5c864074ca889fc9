import { joinHostPort, probeTcp } from '../net/tcpProbe';
import type { DriverState } from './driver';

/**
 * A machine's state from one TCP connect to the port that says it is up (a generic host's SSH, a
 * Docker URL's port). As docker-machine's generic driver reports it, any failed connect is Stopped
 * with no error; one that does not answer in time is Timeout.
 */
export async function portState(what: 'SSH' | 'Docker', host: string, port: number, timeoutMs: number): Promise<DriverState> {
  const target = joinHostPort(host, port);
  const probe = await probeTcp(host, port, timeoutMs);
  switch (probe.kind) {
    case 'open':
      return { state: 'Running', error: null, detail: `${what} port ${target} answers` };
    case 'refused':
      return { state: 'Stopped', error: null, detail: `${what} port ${target} refused the connection` };
    case 'timeout':
      return { state: 'Timeout', error: null, detail: `${what} port ${target} did not answer within ${timeoutMs} ms` };
    case 'error':
      return { state: 'Stopped', error: null, detail: `${what} port ${target}: ${probe.message}` };
  }
}

import { numberField } from '../store/machineConfig';
import { joinHostPort, probeTcp } from '../net/tcpProbe';
import type { Driver } from './driver';
import { dockerUrl, recordedEnginePort, recordedIp } from './recordFields';

/** An existing Linux server reached over SSH; the host is not ours to start or stop. */
export const genericDriver: Driver = {
  name: 'generic',
  capabilities: { start: false, stop: false, restart: true, kill: false },
  ip: recordedIp,
  url: (record) => dockerUrl(recordedIp(record), recordedEnginePort(record)),
  async state(record, timeoutMs) {
    const ip = recordedIp(record);
    if (!ip) return { state: 'Error', error: 'No IP address recorded for this machine', detail: null };
    const port = numberField(record.config.Driver, 'SSHPort') ?? 22;
    const target = joinHostPort(ip, port);
    const probe = await probeTcp(ip, port, timeoutMs);
    switch (probe.kind) {
      case 'open':
        return { state: 'Running', error: null, detail: `SSH port ${target} answers` };
      case 'refused':
        // docker-machine's generic driver reports any failed connect as Stopped, with no error.
        return { state: 'Stopped', error: null, detail: `SSH port ${target} refused the connection` };
      case 'timeout':
        return { state: 'Timeout', error: null, detail: `SSH port ${target} did not answer within ${timeoutMs} ms` };
      case 'error':
        return { state: 'Stopped', error: null, detail: `SSH port ${target}: ${probe.message}` };
    }
  },
};

import type { Driver } from './driver';
import { dockerUrl, recordedIp } from './recordFields';

/**
 * A machine made by a docker-machine driver Berth does not have (virtualbox, a cloud plugin…):
 * it is listed with what its record says, and its state is honestly Unknown.
 */
export function unsupportedDriver(name: string): Driver {
  return {
    name,
    capabilities: { start: false, stop: false, restart: false, kill: false },
    ip: recordedIp,
    url: (record) => dockerUrl(recordedIp(record), null),
    async state() {
      return { state: 'Unknown', error: `Berth has no "${name}" driver`, detail: null };
    },
  };
}

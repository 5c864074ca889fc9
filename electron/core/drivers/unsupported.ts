import { LIFECYCLE_ACTIONS, type Capabilities } from '../../../shared/types';
import type { Driver } from './driver';
import { dockerUrl, recordedIp } from './recordFields';

/**
 * A machine made by a docker-machine driver Berth does not have (virtualbox, a cloud plugin…):
 * it is listed with what its record says, and its state is honestly Unknown.
 */
export function unsupportedDriver(name: string): Driver {
  return {
    name,
    // Its record may still name an SSH address and key (cloud drivers do): a terminal is worth a try.
    capabilities: { ...noCapabilities(`Berth has no "${name}" driver; use docker-machine for this machine`), ssh: null },
    removal: `Berth has no "${name}" driver, so the machine itself is not deleted: use docker-machine rm for that.`,
    ip: recordedIp,
    url: (record) => dockerUrl(recordedIp(record), null),
    async state() {
      return { state: 'Unknown', error: `Berth has no "${name}" driver`, detail: null };
    },
  };
}

export function noCapabilities(reason: string): Capabilities {
  return Object.fromEntries(LIFECYCLE_ACTIONS.map((a) => [a, reason])) as Capabilities;
}

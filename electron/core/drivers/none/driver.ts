import { stringField } from '../../store/machineConfig';
import type { MachineRecord } from '../../store/machineStore';
import type { Driver } from '../driver';
import { portState } from '../portState';

/**
 * docker-machine's `none` driver: a Docker host added by its URL alone (`create -d none --url
 * tcp://HOST:2376`), with the client certificates it was given. Berth has no SSH to it and changes
 * nothing there; it lists it, checks it, and gives env, contexts and versions like any machine.
 */
export const NONE_DRIVER = 'none';

/** docker-machine's own refusals first (callers match on them), then why. */
const noDriver = (verb: string): string => `hosts without a driver cannot be ${verb}: this host was added by its Docker URL only (driver "none")`;
const notManaged = 'Berth does not manage this host: it was added by its Docker URL only (driver "none"), without SSH';

/** The record's Docker URL (docker-machine's Driver.URL), parsed; null when absent or not tcp://HOST:PORT. */
export function noneUrl(record: MachineRecord): { url: string; host: string; port: number } | null {
  const url = stringField(record.config.Driver, 'URL');
  const m = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/.exec(url);
  if (!m) return null;
  return { url, host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

export const noneDriver: Driver = {
  name: NONE_DRIVER,
  capabilities: {
    start: noDriver('started'),
    stop: noDriver('stopped'),
    restart: noDriver('restarted'),
    kill: noDriver('killed'),
    provision: notManaged,
    regenerateCerts: `${notManaged}; its certificates are the daemon's own`,
    upgrade: notManaged,
    ssh: `Berth has no SSH access to this host: it was added by its Docker URL only (driver "none")`,
  },
  removal: 'The Docker host itself is not touched.',
  ip: (record) => noneUrl(record)?.host ?? null,
  url: (record) => stringField(record.config.Driver, 'URL') || null,
  // No SSH to ask: the Docker port itself says whether the host is there (its TLS is checked by the status).
  async state(record, timeoutMs) {
    const u = noneUrl(record);
    if (!u) return { state: 'Error', error: `No Docker URL of the form tcp://HOST:PORT recorded (Driver.URL is "${stringField(record.config.Driver, 'URL')}")`, detail: null };
    return portState('Docker', u.host, u.port, timeoutMs);
  },
};

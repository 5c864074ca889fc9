import { describe, expect, it } from 'vitest';
import { LIFECYCLE_ACTIONS } from '../../../shared/types';
import { driverFor } from './registry';

describe('driver capabilities', () => {
  it('generic: restart, provision, certs and upgrade; never power on or off, and says why', () => {
    const caps = driverFor('generic').capabilities;
    expect(Object.keys(caps).sort()).toEqual([...LIFECYCLE_ACTIONS].sort());
    expect(Object.entries(caps).filter(([, reason]) => reason === null).map(([a]) => a).sort()).toEqual(['provision', 'regenerateCerts', 'restart', 'ssh', 'upgrade']);
    for (const action of ['start', 'stop', 'kill'] as const) expect(caps[action]).toMatch(new RegExp(`^generic driver does not support ${action}: a generic machine is an existing server, Berth does not power it on or off`));
    expect(typeof driverFor('generic').restart).toBe('function');
  });

  it('a driver Berth does not have can do nothing but try SSH (its record may name an address and key), and names itself', () => {
    const caps = driverFor('amazonec2').capabilities;
    for (const action of LIFECYCLE_ACTIONS.filter((a) => a !== 'ssh')) expect(caps[action]).toBe('Berth has no "amazonec2" driver; use docker-machine for this machine');
    expect(caps.ssh).toBeNull();
  });

  it('none (added by its Docker URL): no lifecycle, no SSH, each in docker-machine\'s words or with the reason', () => {
    const caps = driverFor('none').capabilities;
    expect(Object.values(caps).every((reason) => reason !== null)).toBe(true);
    expect(caps.start).toMatch(/^hosts without a driver cannot be started: /);
    expect(caps.ssh).toMatch(/^Berth has no SSH access to this host/);
  });

  it('every action a driver claims has its implementation', () => {
    const generic = driverFor('generic');
    for (const action of ['start', 'stop', 'restart', 'kill'] as const) {
      expect(generic.capabilities[action] === null).toBe(typeof generic[action] === 'function');
    }
  });
});

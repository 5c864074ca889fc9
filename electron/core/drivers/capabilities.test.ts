import { describe, expect, it } from 'vitest';
import { LIFECYCLE_ACTIONS } from '../../../shared/types';
import { driverFor } from './registry';

describe('driver capabilities', () => {
  it('generic: restart, provision, certs and upgrade; never power on or off, and says why', () => {
    const caps = driverFor('generic').capabilities;
    expect(Object.keys(caps).sort()).toEqual([...LIFECYCLE_ACTIONS].sort());
    expect(Object.entries(caps).filter(([, reason]) => reason === null).map(([a]) => a).sort()).toEqual(['provision', 'regenerateCerts', 'restart', 'upgrade']);
    for (const action of ['start', 'stop', 'kill'] as const) expect(caps[action]).toMatch(new RegExp(`^generic driver does not support ${action}: a generic machine is an existing server, Berth does not power it on or off`));
    expect(typeof driverFor('generic').restart).toBe('function');
  });

  it('a driver Berth does not have can do nothing, and names itself', () => {
    const caps = driverFor('virtualbox').capabilities;
    for (const action of LIFECYCLE_ACTIONS) expect(caps[action]).toBe('Berth has no "virtualbox" driver; use docker-machine for this machine');
  });

  it('every action a driver claims has its implementation', () => {
    const generic = driverFor('generic');
    for (const action of ['start', 'stop', 'restart', 'kill'] as const) {
      expect(generic.capabilities[action] === null).toBe(typeof generic[action] === 'function');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { stateFromQmp } from './qmp';

describe('stateFromQmp', () => {
  it.each([
    ['running', 'Running'],
    ['paused', 'Paused'],
    ['suspended', 'Paused'],
    ['prelaunch', 'Starting'],
    ['inmigrate', 'Starting'],
    ['shutdown', 'Stopping'],
    ['save-vm', 'Saved'],
    ['guest-panicked', 'Error'],
    ['io-error', 'Error'],
    ['colo', 'Unknown'],
  ])('%s → %s', (status, state) => expect(stateFromQmp(status)).toBe(state));
});

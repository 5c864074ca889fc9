import { describe, expect, it } from 'vitest';
import { machineNameProblem } from './machineName';

describe('machineNameProblem', () => {
  it.each(['default', 'gen1', 'a', '0', 'my-host.example', 'A-b.C-9', 'x..y'])('accepts %j', (name) => {
    expect(machineNameProblem(name)).toBeNull();
  });

  it.each([
    ['', 'A machine name is required.'],
    ['-lead', 'Machine name "-lead" must start with a letter or a digit.'],
    ['.lead', 'Machine name ".lead" must start with a letter or a digit.'],
    ['has space', 'Machine name "has space" contains space: only letters, digits, "-" and "." are allowed.'],
    ['a_b/c', 'Machine name "a_b/c" contains "_", "/": only letters, digits, "-" and "." are allowed.'],
    ['ünïcode', 'Machine name "ünïcode" must start with a letter or a digit.'],
    ['a;rm', 'Machine name "a;rm" contains ";": only letters, digits, "-" and "." are allowed.'],
  ])('refuses %j with a specific reason', (name, reason) => {
    expect(machineNameProblem(name)).toBe(reason);
  });
});

import { describe, expect, it } from 'vitest';
import { vmResourcesText } from './vmResources';

describe('vmResourcesText', () => {
  it.each([
    [{ cpus: 1, memoryMb: 1024, diskSizeMb: 20000 }, '1 CPU, 1024 MB memory, 20000 MB disk'],
    [{ cpus: 2, memoryMb: 2048, diskSizeMb: 4096 }, '2 CPUs, 2048 MB memory, 4096 MB disk'],
  ])('%j → %s', (r, text) => expect(vmResourcesText(r)).toBe(text));
});

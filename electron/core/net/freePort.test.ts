import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freeLoopbackPorts } from './freePort';

const bindable = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

describe('freeLoopbackPorts', () => {
  it('gives distinct ports that can be bound on loopback', async () => {
    const ports = await freeLoopbackPorts(4);
    expect(new Set(ports).size).toBe(4);
    for (const port of ports) expect(await bindable(port)).toBe(true);
  });

  it.each([
    ['the kernel repeats a port', [40001, 40001, 40002], [], [40001, 40002]],
    ['another machine recorded the port (nothing listens on it while that VM is stopped)', [40001, 40002, 40003], [40002], [40001, 40003]],
    ['nothing in the way', [40001, 40002], [40009], [40001, 40002]],
  ])('skips what it must: %s', async (_what, offered, recorded, expected) => {
    const queue = [...offered];
    expect(await freeLoopbackPorts(2, new Set(recorded), async () => queue.shift()!)).toEqual(expected);
  });
});

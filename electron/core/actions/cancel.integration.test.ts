import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../../../e2e/hosts/hosts';
import { startTestHost, testHosts } from '../../../e2e/hosts/testing';
import { sshOnlyMachine } from '../../../e2e/hosts/sshMachine';
import { LongActions } from '../services/longActions';
import { MachineService } from '../services/machineService';
import { runAction } from './actionRunners';
import { TrackedActions } from './trackedActions';

// Cancel by the action's id really cancels: a command hanging on a real host ends as Cancelled
// within 2 s, and nothing of it is left running there (its remote session was signalled, not just
// the connection closed under it).

const ctx = testHosts();

describe.skipIf(!ctx)('cancelling an action by its id', () => {
  let host: TestHost;
  let store: string;
  let machines: MachineService;

  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour: 'sshd' });
    store = await mkdtemp(join(tmpdir(), 'berth-cancel-'));
    machines = new MachineService(store, {});
    // A record of the host, reached with its key (no provisioning needed to run a command).
    await sshOnlyMachine(machines, host, 'hang');
  });
  afterAll(async () => {
    await host?.stop();
    await rm(store, { recursive: true, force: true });
  });

  it('a hanging remote command: Cancelled within 2 s, and the process is gone from the host', async () => {
    const events: string[] = [];
    const tracked = new TrackedActions(machines, new LongActions(), (name) => events.push(name));
    let id = '';
    const params = { command: 'sleep 317; echo never' };
    const running = tracked.run('run-command', 'hang', params, (h) => runAction(machines, 'run-command', 'hang', params, {}, h), { onStart: (started) => (id = started) });
    running.catch(() => undefined);
    // Wait until the command runs on the host.
    for (let i = 0; i < 50 && !(await host.exec('pgrep -f "sleep 31[7]" || true')).trim(); i++) await new Promise((r) => setTimeout(r, 100));
    expect((await host.exec('pgrep -f "sleep 31[7]" || true')).trim()).not.toBe('');
    const asked = Date.now();
    expect(tracked.registry.cancel(id)).toBe(true);
    await expect(running).rejects.toThrow();
    expect(Date.now() - asked).toBeLessThan(2000);
    expect(tracked.registry.get(id)?.state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 300));
    expect((await host.exec('pgrep -f "sleep 31[7]" || true')).trim()).toBe('');
    expect(events).toEqual(expect.arrayContaining(['action.started', 'action.ended']));
  });
});

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../../../e2e/hosts/hosts';
import { startTestHost, testHosts } from '../../../e2e/hosts/testing';
import type { EventName, Events } from '../../../shared/ipc';
import type { TerminalExit } from '../../../shared/types';
import type { Caller } from '../core';
import { newGenericConfig } from '../drivers/generic/record';
import { BerthError } from '../errors';
import { MachineService } from '../services/machineService';
import { knownHostsPath } from '../ssh/hostKeys';
import { probeHostKey } from '../ssh/sshSession';
import { TerminalManager } from './terminalManager';

/** A connection that records what the manager sends it, with a way to wait for output. */
function recordingCaller(id: string) {
  const output = new Map<string, string>();
  const exits: TerminalExit[] = [];
  const waiters: (() => void)[] = [];
  const caller: Caller = {
    id,
    closed: false,
    emit: <E extends EventName>(event: E, payload: Events[E]) => {
      if (event === 'terminal.data') {
        const p = payload as Events['terminal.data'];
        output.set(p.id, (output.get(p.id) ?? '') + p.data);
      }
      if (event === 'terminal.exit') exits.push(payload as TerminalExit);
      waiters.splice(0).forEach((w) => w());
    },
  };
  const waitFor = async (check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  };
  const waitForOutput = (tid: string, pattern: RegExp) => waitFor(() => pattern.test(output.get(tid) ?? ''), `${pattern} in ${JSON.stringify((output.get(tid) ?? '').slice(-300))}`);
  return { caller, output, exits, waitFor, waitForOutput };
}

const ctx = testHosts();

describe.skipIf(!ctx)('terminals against a real sshd and a local pty', () => {
  let host: TestHost;
  let store: string;
  let machines: MachineService;
  let terminals: TerminalManager;

  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour: 'sshd' });
    store = await mkdtemp(join(tmpdir(), 'berth-term-'));
    machines = new MachineService(store, {});
    await mkdir(machines.store.machineDir('box'), { recursive: true });
    const config = newGenericConfig({
      name: 'box', storePath: store, ip: host.host, sshUser: 'root', sshPort: host.port, sshKeyPath: host.keyPath,
      originalKey: host.keyPath, enginePort: host.dockerPort, engine: {}, extraSans: [],
    });
    await machines.store.save({ name: 'box', dir: machines.store.machineDir('box'), storePath: store, config });
    terminals = new TerminalManager(machines, { PATH: process.env.PATH, HOME: store, SHELL: '/bin/bash' });
  });
  afterAll(async () => {
    terminals?.closeAll();
    await host?.stop();
    await rm(store, { recursive: true, force: true });
  });

  it('refuses an SSH terminal to a host whose key was never accepted, and opens once it is', async () => {
    const a = recordingCaller('a');
    const err = await terminals.open(a.caller, { kind: 'ssh', machine: 'box', cols: 80, rows: 24 }).catch((e: unknown) => e);
    expect((err as BerthError).code).toBe('HOST_KEY_UNTRUSTED');
    const probe = await probeHostKey(host.host, host.port, knownHostsPath(store));
    const t = await terminals.open(a.caller, { kind: 'ssh', machine: 'box', cols: 80, rows: 24, acceptHostKey: probe.fingerprint });
    expect(t.title).toBe('root@box');
    terminals.close(a.caller, t.id);
  });

  it('runs echo and stty size over SSH, follows a resize, and closes the channel when the tab closes', async () => {
    const a = recordingCaller('a');
    const t = await terminals.open(a.caller, { kind: 'ssh', machine: 'box', cols: 80, rows: 24 });
    terminals.input(a.caller, t.id, 'echo "sum=$((40+2))"; stty size\r');
    await a.waitForOutput(t.id, /sum=42\r?\n24 80/);
    terminals.resize(a.caller, t.id, 132, 43);
    terminals.input(a.caller, t.id, 'stty size; echo "[$TERM]"\r');
    await a.waitForOutput(t.id, /43 132\r?\n\[xterm-256color\]/);
    const before = await host.exec('pgrep -c -f "sshd: root@[p]ts" || true');
    expect(Number(before)).toBeGreaterThanOrEqual(1);
    terminals.close(a.caller, t.id);
    await a.waitFor(() => a.exits.length === 1, 'the exit event');
    expect(a.exits[0]).toMatchObject({ id: t.id, reason: 'closed' });
    await a.waitFor(() => terminals.size === 0, 'the terminal to be forgotten');
    // The remote side of the channel is gone too (the [p] keeps pgrep from counting its own shell).
    await expect.poll(async () => Number(await host.exec('pgrep -c -f "sshd: root@[p]ts" || true')), { timeout: 10_000 }).toBe(0);
  });

  it('says the shell exited with its code, and a dropped connection as such', async () => {
    const a = recordingCaller('a');
    const t1 = await terminals.open(a.caller, { kind: 'ssh', machine: 'box', cols: 80, rows: 24 });
    terminals.input(a.caller, t1.id, 'exit 7\r');
    await a.waitFor(() => a.exits.some((e) => e.id === t1.id), 'exit');
    expect(a.exits.find((e) => e.id === t1.id)).toMatchObject({ reason: 'exited', code: 7, message: 'exited with code 7' });

    const t2 = await terminals.open(a.caller, { kind: 'ssh', machine: 'box', cols: 80, rows: 24 });
    terminals.input(a.caller, t2.id, 'echo ready\r');
    await a.waitForOutput(t2.id, /ready/);
    await host.dropConnections();
    await a.waitFor(() => a.exits.some((e) => e.id === t2.id), 'the drop');
    expect(a.exits.find((e) => e.id === t2.id)).toMatchObject({ reason: 'disconnected', message: `The connection to 127.0.0.1:${host.port} dropped` });
  });

  it('opens a local shell with the machine\'s env, so docker would talk to it', async () => {
    const a = recordingCaller('a');
    const t = await terminals.open(a.caller, { kind: 'local', machine: 'box', cols: 90, rows: 20 });
    expect(t.title).toBe('bash (env of box)');
    terminals.input(a.caller, t.id, 'echo "host=$DOCKER_HOST tls=$DOCKER_TLS_VERIFY name=$DOCKER_MACHINE_NAME"; stty size\r');
    await a.waitForOutput(t.id, new RegExp(`host=tcp://127\\.0\\.0\\.1:${host.dockerPort} tls=1 name=box\\r?\\n20 90`));
    terminals.close(a.caller, t.id);
    await a.waitFor(() => a.exits.some((e) => e.id === t.id), 'exit');
  });

  it('keeps terminals to their opener, and closes them all when the connection goes', async () => {
    const a = recordingCaller('a');
    const b = recordingCaller('b');
    const t1 = await terminals.open(a.caller, { kind: 'local', machine: 'box', cols: 80, rows: 24 });
    await terminals.open(a.caller, { kind: 'ssh', machine: 'box', cols: 80, rows: 24 });
    expect(() => terminals.input(b.caller, t1.id, 'rm -rf ~\r')).toThrow(/No open terminal/);
    expect(terminals.size).toBe(2);
    terminals.closeAllOf('a');
    await a.waitFor(() => terminals.size === 0, 'both terminals to close');
    expect(a.exits.map((e) => e.reason)).toEqual(['closed', 'closed']);
    expect(b.output.size).toBe(0);
  });

  it('bounds memory under a flood: the source pauses until the page acknowledges', async () => {
    const small = new TerminalManager(machines, { PATH: process.env.PATH, HOME: store, SHELL: '/bin/bash' }, { frameMs: 16, highWater: 64 * 1024, lowWater: 16 * 1024 });
    const a = recordingCaller('a');
    const t = await small.open(a.caller, { kind: 'local', machine: 'box', cols: 80, rows: 24 });
    small.input(a.caller, t.id, 'head -c 3000000 /dev/zero | base64 -w 76; echo FLOOD-$((1+1))\r');
    // Without acknowledgements the output stops near the high-water mark instead of growing.
    await new Promise((r) => setTimeout(r, 1500));
    const stalled = a.output.get(t.id)?.length ?? 0;
    expect(stalled).toBeLessThan(64 * 1024 + 64 * 1024);
    expect(a.output.get(t.id)).not.toContain('FLOOD-2');
    // A page that keeps up gets everything.
    let acked = 0;
    await a.waitFor(() => {
      const seen = a.output.get(t.id)?.length ?? 0;
      if (seen > acked) {
        small.ack(a.caller, t.id, seen - acked);
        acked = seen;
      }
      return /FLOOD-2\r?\n/.test(a.output.get(t.id) ?? '');
    }, 'the whole flood', 60_000);
    expect(a.output.get(t.id)!.length).toBeGreaterThan(4_000_000);
    small.closeAll();
  });
});

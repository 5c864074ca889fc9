import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../../../e2e/hosts/hosts';
import { machineOnHost } from '../../../e2e/hosts/machineOnHost';
import { startTestHost, testHosts } from '../../../e2e/hosts/testing';
import type { ProgressEvent } from '../../../shared/types';
import { BerthError } from '../errors';
import { knownHostsPath } from '../ssh/hostKeys';
import { probeHostKey } from '../ssh/sshSession';
import { removeMachine } from './removal';
import { powerAction, regenerateCerts, upgradeMachine } from './lifecycle';
import { machineDetail, machineVersions } from './machineDetail';
import { MachineService } from './machineService';

const ctx = testHosts();

describe.skipIf(!ctx)('machine lifecycle on a real host', () => {
  let host: TestHost;
  let store: string;
  let machines: MachineService;
  const events: ProgressEvent[] = [];
  const started = Date.now();
  const hooks = {
    onProgress: (e: ProgressEvent) => {
      events.push(e);
      // Timed steps in the output, so a slow or stuck step is visible in CI's log.
      if (e.kind === 'step' && e.state !== 'running') console.log(`[lifecycle ${((Date.now() - started) / 1000).toFixed(1)} s] ${e.step}: ${e.state}${e.detail ? ` (${e.detail})` : ''}`);
    },
  };
  const steps = (): string[] => events.filter((e) => e.kind === 'step' && e.state !== 'running').map((e) => (e.kind === 'step' ? `${e.step}:${e.state}` : ''));

  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour: 'systemd', rebootable: true });
    store = await mkdtemp(join(tmpdir(), 'berth-life-'));
    machines = new MachineService(store, {});
    await machineOnHost(machines, host, 'life', { onProgress: hooks.onProgress });
  }, 180_000);
  afterAll(async () => {
    await host?.stop();
    await rm(store, { recursive: true, force: true });
  });

  it.each(['start', 'stop', 'kill'] as const)('refuses to %s a generic machine, saying why', async (action) => {
    const err = await powerAction(machines, 'life', action, hooks).catch((e: unknown) => e);
    expect((err as BerthError).code).toBe('UNSUPPORTED');
    expect((err as BerthError).message).toBe(
      `Cannot ${action} "life": generic driver does not support ${action}: a generic machine is an existing server, Berth does not power it on or off. Use Restart to reboot it over SSH`,
    );
  });

  it('shows the versions of both sides and the host OS, read from the real daemon', async () => {
    const v = await machineVersions(machines, 'life');
    expect(v.error).toBeNull();
    expect(v.server).toMatchObject({ version: expect.stringMatching(/^20\.10\./), os: 'linux', operatingSystem: expect.stringMatching(/Debian GNU\/Linux 12/) });
    expect(v.server!.apiVersion).toMatch(/^1\.\d+$/);
    expect(v.server!.minApiVersion).toMatch(/^1\.\d+$/);
    expect(v.server!.components.map((c) => c.name)).toEqual(expect.arrayContaining(['Engine', 'containerd', 'runc']));
  });

  it('restarts by rebooting over SSH, and the machine comes back Running with Docker', async () => {
    events.length = 0;
    const before = await host.exec('cat /proc/1/stat | cut -d" " -f22');
    const status = await powerAction(machines, 'life', 'restart', hooks);
    expect(status).toMatchObject({ state: 'Running', error: null });
    expect(status.dockerVersion).toMatch(/^v20\.10\./);
    expect(steps()).toEqual(['Reboot:done', 'Wait for SSH:done', 'Wait for Docker over TLS:done']);
    // PID 1 started anew: it really rebooted.
    expect(await host.exec('cat /proc/1/stat | cut -d" " -f22')).not.toBe(before);
  }, 240_000);

  it('upgrading the distribution package to itself is a no-op, said clearly', async () => {
    const result = await upgradeMachine(machines, 'life', undefined, {}, hooks);
    expect(result.before).toBe(result.after);
    expect(result.message).toBe(`Docker Engine on "life" is already the newest version its source offers (${result.after}): nothing to upgrade`);
    expect(result.status.state).toBe('Running');
  }, 180_000);

  it('notices an address that left the server certificate, and regenerate-certs fixes it', async () => {
    // The host's own address on Docker's bridge: reachable, and not in the certificate made for 127.0.0.1.
    const bridgeIp = (await host.exec("ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1")).trim();
    const record = await machines.store.load('life');
    record.config.Driver.IPAddress = bridgeIp;
    record.config.Driver.SSHPort = 22;
    await machines.store.save(record);
    const detail = await machineDetail(machines, 'life');
    expect(detail.ipMismatch).toMatch(new RegExp(`^The machine's address ${bridgeIp.replace(/\./g, '\\.')} is not in its server certificate \\(127\\.0\\.0\\.1, localhost\\)`));
    expect((await machines.status('life')).dockerVersion).toBe('Unknown');

    // A new address is a new host key entry: accept the same key there.
    const probe = await probeHostKey(bridgeIp, 22, knownHostsPath(store));
    const status = await regenerateCerts(machines, 'life', { acceptHostKey: probe.fingerprint }, hooks);
    expect(status).toMatchObject({ state: 'Running', url: `tcp://${bridgeIp}:${host.dockerPort}` });
    expect(status.dockerVersion).toMatch(/^v20\.10\./);
    const after = await machineDetail(machines, 'life');
    expect(after.ipMismatch).toBeNull();
    expect(after.certs.server!.sans).toContain(bridgeIp);
  }, 180_000);

  it('describes the machine with masked secrets and certificate expiry', async () => {
    const detail = await machineDetail(machines, 'life');
    expect(detail).toMatchObject({ name: 'life', driverName: 'generic', ssh: { user: 'root', port: 22 }, certs: { error: null } });
    expect(detail.capabilities.restart).toBeNull();
    expect(detail.capabilities.stop).toMatch(/not power it on or off/);
    expect(detail.certs.ca!.expiresSoon).toBe(false);
    expect(JSON.parse(detail.inspect)).toMatchObject({ DriverName: 'generic', Driver: { MachineName: 'life' } });
  });

  it("removes the machine and, when asked, takes Berth's TLS listener off the host; Docker goes on locally there", async () => {
    const url = (await machines.status('life')).url;
    const remote = await removeMachine(machines, 'life', { disableRemoteTls: true });
    expect(remote).toBe('docker.service restarted without the TLS listener');
    expect(existsSync(join(store, 'machines', 'life'))).toBe(false);
    expect(await host.exec('ls /etc/systemd/system/docker.service.d/ /etc/docker/ 2>&1; docker version --format "{{.Server.Os}}"')).toMatch(/linux\n$/);
    expect(await host.exec('ls /etc/systemd/system/docker.service.d/ 2>/dev/null | grep -c berth || true')).toBe('0\n');
    // Nothing listens on the engine port inside the host any more (Docker's port proxy outside would still accept).
    const port = url.split(':').pop();
    await expect.poll(() => host.exec(`ss -Htln "sport = :${port}" | wc -l`), { timeout: 20_000 }).toBe('0\n');
  });
});

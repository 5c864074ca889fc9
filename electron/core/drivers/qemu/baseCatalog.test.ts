import { describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { copyFixtureStore } from '../../../../e2e/fixtures/fixtureStore';
import { FIXTURE_BASE, sampleBase, writeImageCache } from '../../../../e2e/fixtures/imageCacheFixture';
import { baseMismatch, chooseBase, engineKey } from './baseCatalog';
import { generaliseScript, identityFiles, restoreScript } from './baseMaking';

const base = sampleBase();
const want = { arch: 'x86_64', imageId: base.imageId, kernel: '', engine: { kind: 'distro' as const } };
const now = Date.parse('2026-12-03T00:00:00.000Z');

describe('which base a new VM may boot on', () => {
  it.each([
    ['the same image, kernel, engine choice, young enough', {}, 30, null],
    ['another architecture', { arch: 'aarch64' }, 30, 'made for x86_64'],
    ['another image (checksum)', { imageId: `sha256:${'b'.repeat(64)}` }, 30, 'made from another image'],
    ['another direct-boot kernel', { kernel: '/k/vmlinuz' }, 30, 'made for another kernel'],
    ['docker-ce instead of the distribution', { engine: { kind: 'docker-ce', channel: 'stable' } }, 30, 'made with another Docker Engine choice'],
    ['another docker-ce version', { engine: { kind: 'docker-ce', channel: 'stable', version: '27.1' } }, 30, 'made with another Docker Engine choice'],
    ['older than the chosen age', {}, 1, 'older than 1 days'],
  ] as const)('%s', (_what, change, maxAge, expected) => {
    expect(baseMismatch(base, { ...want, ...change } as typeof want, maxAge, now)).toBe(expected);
  });

  it('a damaged date is never young enough', () => {
    expect(baseMismatch({ ...base, createdAt: 'yesterday' }, want, 365, now)).toBe('older than 365 days');
  });

  it('engine choices compare by content, not key order', () => {
    expect(engineKey({ kind: 'docker-ce', channel: 'stable', version: '27.1' })).toBe(engineKey({ version: '27.1', channel: 'stable', kind: 'docker-ce' } as never));
  });
});

describe('generalising a VM for the instant of its copy', () => {
  const script = generaliseScript('docker', 'vm1.lan');
  it('sets every identity file aside in memory, including the login user’s keys', () => {
    expect(identityFiles('docker')).toContain('/home/docker/.ssh/authorized_keys');
    expect(identityFiles('root')).toContain('/root/.ssh/authorized_keys');
    for (const f of ['/etc/docker/server-key.pem', '/etc/docker/key.json', '/etc/systemd/system/docker.service.d/10-berth.conf']) expect(script).toContain(f);
    expect(script).toContain('S=/run/berth-base');
    expect(script).toMatch(/for d in \/var\/lib\/cloud \/var\/lib\/docker \/var\/lib\/containerd; do .*mv "\$d" "\$S\$d"/);
  });
  it('blanks the machine-id, the name (dots of the name escaped for sed) and host keys; discards free blocks; freezes last with a thaw timer first', () => {
    expect(script).toContain(': > /etc/machine-id; [ -L /var/lib/dbus/machine-id ] || rm -f /var/lib/dbus/machine-id; echo localhost > /etc/hostname');
    expect(script).toContain('sed -i "/[[:space:]]vm1\\.lan\\$/d" /etc/hosts');
    expect(script).toContain('/etc/ssh/ssh_host_*');
    expect(script).toContain('systemctl mask --no-reload cloud-config.service cloud-final.service');
    expect(restoreScript()).toContain('systemctl unmask --no-reload cloud-config.service cloud-final.service');
    const lines = script.split('\n');
    expect(lines.at(-1)).toBe('fsfreeze -f /');
    // Should Berth vanish, the guest thaws and puts everything back by itself.
    expect(lines.at(-2)).toBe(`setsid sh -c '${['sleep 60', ...restoreScript().split('\n')].join('; ').replace(/'/g, "'\\''")}' >/dev/null 2>&1 < /dev/null &`);
    expect(lines.indexOf('sync; fstrim / 2>/dev/null || true')).toBeLessThan(lines.length - 2);
  });
  it('restoring thaws first, puts every file back and starts Docker', () => {
    const lines = restoreScript().split('\n');
    expect(lines[0]).toBe('fsfreeze -u / 2>/dev/null || true');
    expect(lines).toContain('if [ -d "$S" ]; then tar -C "$S" -cf - . | tar -C / --no-overwrite-dir -xpf - && rm -rf "$S"; fi');
    expect(lines.at(-1)).toBe('systemctl start docker.service');
  });
});

describe('choosing a base from the store', () => {
  it('takes the base made from the same image and engine choice, and none for another image or engine', async () => {
    const store = await copyFixtureStore({});
    try {
      await writeImageCache(store);
      const want = { arch: 'x86_64', imageId: `sha256:${'a'.repeat(64)}`, kernel: '', engine: { kind: 'distro' as const } };
      expect((await chooseBase(store, want, 3650))?.id).toBe(FIXTURE_BASE);
      expect(await chooseBase(store, { ...want, engine: { kind: 'docker-ce', channel: 'stable' } }, 3650)).toBeNull();
      expect(await chooseBase(store, { ...want, imageId: `sha256:${'c'.repeat(64)}` }, 3650)).toBeNull();
      // Too old for the setting: not used either.
      expect(await chooseBase(store, want, 1)).toBeNull();
    } finally {
      await rm(store, { recursive: true, force: true });
    }
  });
});

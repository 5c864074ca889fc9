import { UI_DEFAULTS } from '../../../shared/uiSettings';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../core';
import { BerthError } from '../errors';
import { createDispatcher, type Handlers } from './dispatcher';

const calls: unknown[] = [];
const handlers = {
  'app.about': async () => ({ appVersion: '1', dockerClientVersion: null, storePath: '/s', logFile: '/s/berth-logs/core.log', platform: 'p', nodeVersion: '20' }),
  'machines.list': async () => ({ storePath: '/s', machines: [], chosenActive: null }),
  'machine.status': async (p) => {
    calls.push(p);
    throw new BerthError('NOT_FOUND', `Host does not exist: "${p.name}"`);
  },
  'machine.env': async () => {
    throw new Error('disk on fire');
  },
  'machine.setActive': async ({ name }) => ({ chosenActive: name }),
  'clipboard.writeText': async () => ({ copied: false }),
  'clipboard.readText': async () => ({ text: null }),
  'ssh.probeHostKey': async () => ({ fingerprint: 'SHA256:x', keyType: 'ssh-ed25519', status: 'unknown' as const }),
  'machine.create': async () => {
    throw new BerthError('UNREACHABLE', 'not in this test');
  },
  'machine.createQemu': async () => {
    throw new BerthError('UNREACHABLE', 'not in this test');
  },
  'qemu.hostInfo': async () => ({ dir: null, system: null, img: null, missing: 'x', accel: null, cpus: 2, memoryMb: 1024, freeDiskMb: 1 }),
  'qemu.setDir': async ({ dir }) => ({ dir, system: null, img: null, missing: 'x', accel: null, cpus: 2, memoryMb: 1024, freeDiskMb: 1 }),
  'machine.provision': async () => {
    throw new BerthError('UNREACHABLE', 'not in this test');
  },
  'ssh.localSetup': async () => ({ configHosts: [], configError: null, keys: [], agent: false }),
  'machine.probeHostKey': async () => ({ fingerprint: 'SHA256:x', keyType: 'ssh-ed25519', status: 'pinned' as const }),
  'machine.cancel': async () => ({ cancelled: false }),
  'machine.remove': async () => ({ remote: null }),
  'machine.power': async () => {
    throw new BerthError('UNSUPPORTED', 'not in this test');
  },
  'machine.regenerateCerts': async () => {
    throw new BerthError('UNSUPPORTED', 'not in this test');
  },
  'machine.upgrade': async () => {
    throw new BerthError('UNSUPPORTED', 'not in this test');
  },
  'machine.detail': async () => {
    throw new BerthError('NOT_FOUND', 'not in this test');
  },
  'machine.versions': async () => ({ client: null, server: null, error: 'not in this test' }),
  'machine.dockerFlags': async () => ({ text: '--tlsverify\n' }),
  'machine.consoleLog': async () => ({ text: null }),
  'swarm.create': async () => {
    throw new BerthError('UNREACHABLE', 'not in this test');
  },
  'swarm.overview': async ({ manager }) => ({ manager, nodes: [], services: [] }),
  'swarm.updateNode': async ({ manager }) => ({ manager, nodes: [], services: [] }),
  'swarm.removeNode': async ({ manager }) => ({ manager, nodes: [], services: [] }),
  'swarm.leave': async () => ({}),
  'swarm.rotateTokens': async () => ({}),
  'machine.context': async ({ name }) => ({ name, exists: false, ours: false, current: false, host: null, stale: false }),
  'machine.setContext': async ({ name, use }) => ({ name, exists: true, ours: true, current: use, host: 'tcp://127.0.0.1:2376', stale: false }),
  'machine.removeContext': async ({ name }) => ({ name, exists: false, ours: false, current: false, host: null, stale: false }),
  'app.viewing': async () => ({}),
  'actions.list': async () => ({ actions: [] }),
  'actions.get': async () => {
    throw new Error('not called');
  },
  'actions.cancel': async () => ({ cancelled: false }),
  'actions.retry': async () => {
    throw new Error('not called');
  },
  'actions.clearFinished': async () => ({}),
  'actions.fleet': async () => ({ group: 'g', results: [] }),
  'machine.createNone': async () => {
    throw new Error('not called');
  },
  'machine.createVirtualbox': async () => {
    throw new Error('not called');
  },
  'virtualbox.hostInfo': async () => ({ version: null, missing: 'x', hostOnlyInterfaces: [], cpus: 2, memoryMb: 1024, freeDiskMb: 1 }),
  'machines.export': async ({ names }) => ({ fileName: `${names[0]}.berth`, data: '' }),
  'machines.inspectBundle': async () => ({ machines: [] }),
  'machines.import': async () => ({ results: [] }),
  'files.list': async () => ({ path: '/root', entries: [], more: 0 }),
  'files.mkdir': async () => ({}),
  'files.rename': async () => ({}),
  'files.remove': async () => ({ removed: 1 }),
  'files.readText': async ({ path }) => ({ path, text: '', mtime: 0, size: 0 }),
  'files.writeText': async ({ path, text }) => ({ path, text, mtime: 0, size: 0 }),
  'files.uploadBegin': async () => ({ id: 'f'.repeat(16) }),
  'files.uploadChunk': async () => ({ finished: true }),
  'files.downloadBegin': async () => ({ id: 'f'.repeat(16), size: 0, name: 'x' }),
  'files.downloadChunk': async () => ({ data: '', finished: true }),
  'machine.unmount': async () => ({}),
  'local.checkFile': async () => ({ problem: null }),
  'qemu.basePreview': async () => ({ base: null }),
  'cache.list': async () => ({ entries: [] }),
  'cache.remove': async () => { throw new Error('not here'); },
  'cache.prune': async () => ({ removed: [] }),
  'settings.get': async () => ({ ui: UI_DEFAULTS, storePath: '/s', storeFrom: 'default' as const }),
  'settings.set': async () => ({ ui: UI_DEFAULTS }),
  'terminal.open': async (p, caller) => {
    calls.push(p);
    return { id: 'a'.repeat(32), title: `opened by ${caller.id}` };
  },
  'terminal.input': async () => ({}),
  'terminal.resize': async () => ({}),
  'terminal.ack': async () => ({}),
  'terminal.close': async () => ({}),
} satisfies Handlers;

const caller: Caller = { id: 'conn1', emit: () => undefined, closed: false };
const createdDispatch = createDispatcher(handlers);
const dispatch = (channel: string, payload: unknown) => createdDispatch(channel, payload, caller);

describe('dispatcher', () => {
  it.each([
    ['machines.list', {}, { ok: true, value: { storePath: '/s', machines: [], chosenActive: null } }],
    ['machine.setActive', { name: null }, { ok: true, value: { chosenActive: null } }],
    ['terminal.open', { kind: 'ssh', machine: 'gen1', cols: 80, rows: 24 }, { ok: true, value: { id: 'a'.repeat(32), title: 'opened by conn1' } }],
    ['nope', {}, { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel "nope"' } }],
    ['__proto__', {}, { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel "__proto__"' } }],
    ['toString', {}, { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel "toString"' } }],
    ['machine.status', { name: 'gen1' }, { ok: false, error: { code: 'NOT_FOUND', message: 'Host does not exist: "gen1"' } }],
    ['machine.env', { name: 'gen1', shell: 'fish', unset: false, noProxy: false }, { ok: false, error: { code: 'INTERNAL', message: 'disk on fire' } }],
  ])('%s %j', async (channel, payload, expected) => {
    expect(await dispatch(channel, payload)).toEqual(expected);
  });

  it.each([
    ['machine.status', { name: '../etc' }, /name: invalid machine name/],
    ['machine.status', { name: 'gen1', timeoutMs: 5 }, /timeoutMs/],
    ['machine.status', { name: 'gen1', extra: 1 }, /extra|Unrecognized/i],
    ['machine.env', { name: 'gen1', shell: 'zsh-evil', unset: false, noProxy: false }, /shell/],
    ['swarm.create', { manager: 'gen1', advertiseAddr: '1.2.3.4; rm -rf /', members: ['gen1'], role: 'worker' }, /an IP address or host name/],
    ['swarm.updateNode', { manager: 'gen1', nodeId: '../../etc', role: 'manager' }, /a swarm node id/],
    ['machines.list', null, /payload/],
    ['clipboard.writeText', { text: 42 }, /text/],
    ['machine.provision', { name: 'gen1', acceptHostKey: 'MD5:aa:bb' }, /acceptHostKey: not a SHA256 host key fingerprint/],
    ['ssh.probeHostKey', { host: 'h', port: 70000 }, /port/],
    ['ssh.localSetup', { path: '/etc' }, /Unrecognized key/],
    ['machine.probeHostKey', { name: '../x' }, /invalid machine name/],
    ['machine.create', { request: { name: 'ok' } }, /request\.host/],
    ['machine.power', { name: 'gen1', action: 'explode' }, /action/],
    ['machine.upgrade', { name: 'gen1', engine: { kind: 'docker-ce', channel: 'nightly' } }, /engine\.channel/],
    ['machine.createQemu', { request: { name: 'vm', image: '/i', cpus: 0, memoryMb: 1024, diskSizeMb: 4096, engine: { kind: 'distro' }, engineOptions: { labels: [], insecureRegistries: [], registryMirrors: [], storageDriver: '', env: [], flags: [] } } }, /request\.cpus/],
    ['terminal.open', { kind: 'telnet', machine: 'gen1', cols: 80, rows: 24 }, /kind/],
    ['files.uploadBegin', { name: 'gen1', dir: '/tmp', files: [{ path: '../../etc/passwd', size: 1 }], overwrite: false }, /a relative path inside the upload/],
    ['files.uploadBegin', { name: 'gen1', dir: '/tmp', files: [{ path: '/etc/passwd', size: 1 }], overwrite: false }, /a relative path inside the upload/],
    ['files.uploadChunk', { id: 'f'.repeat(16), index: 0, offset: 0, data: 'not base64!' }, /not base64/],
    ['files.list', { name: 'gen1', path: 'a\0b', sort: 'name', descending: false, hidden: false, offset: 0, limit: 10 }, /NUL/],
    ['files.list', { name: 'gen1', path: null, sort: 'owner', descending: false, hidden: false, offset: 0, limit: 10 }, /sort/],
    ['terminal.open', { kind: 'ssh', machine: 'gen1', cols: 0, rows: 24 }, /cols/],
    ['terminal.input', { id: '../../x', data: 'ls' }, /id: not a terminal id/],
    ['terminal.resize', { id: 'a'.repeat(32), cols: 80, rows: 100000 }, /rows/],
    ['terminal.ack', { id: 'a'.repeat(32), chars: -1 }, /chars/],
  ])('refuses %s %j before the handler runs', async (channel, payload, message) => {
    calls.length = 0;
    const result = await dispatch(channel, payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_PAYLOAD');
      expect(result.error.message).toMatch(message);
    }
    expect(calls).toEqual([]);
  });
});

describe('dispatcher and the core log', () => {
  it('logs a bug with its stack, a failed action with its reason, a finished action; never a secret', async () => {
    const lines: string[] = [];
    const log = { file: '/l', write: (level: string, message: string) => lines.push(`${level} ${message}`) };
    const logged = createDispatcher(
      {
        ...handlers,
        'machine.power': async ({ name }) => {
          if (name === 'bad') throw new BerthError('UNREACHABLE', 'no route; proxy http://u:pw@p');
          return handlers['machine.status']({ name: 'ok' });
        },
      },
      log,
    );
    await logged('machine.env', { name: 'gen1', shell: 'fish', unset: false, noProxy: false }, caller);
    await logged('machine.power', { name: 'bad', action: 'stop' }, caller);
    expect(lines[0]).toMatch(/^error machine\.env "gen1": INTERNAL Error: disk on fire\n\s+at /);
    expect(lines[1]).toBe('warn machine.power stop "bad": UNREACHABLE no route; proxy http://u:*****@p');
    expect(lines).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import type { MachineStatus, MachineSummary } from '../../../shared/types';
import { formatGoDuration, matchesLsFilters, parseLsFilters, renderLs, toLsItem } from './lsTable';

const summary = (name: string, extra: Partial<MachineSummary> = {}): MachineSummary => ({
  name,
  driverName: 'generic',
  error: null,
  ip: '127.0.0.1',
  url: 'tcp://127.0.0.1:2376',
  swarm: '',
  machineDir: `/s/machines/${name}`,
  provisionError: null,
  certWarning: null,
  labels: [],
  sshUnavailable: null,
  ...extra,
});
const status = (name: string, extra: Partial<MachineStatus> = {}): MachineStatus => ({
  name,
  state: 'Stopped',
  url: '',
  active: false,
  dockerVersion: 'Unknown',
  error: null,
  detail: null,
  responseMs: 3,
  ...extra,
});

describe('renderLs', () => {
  it("prints docker-machine's table for the fixture store with no hosts up", () => {
    const items = ['deb1', 'gen1', 'gen2'].map((n) => toLsItem(summary(n), status(n)));
    expect(renderLs(items)).toBe(
      [
        'NAME   ACTIVE   DRIVER    STATE     URL   SWARM   DOCKER    ERRORS',
        'deb1   -        generic   Stopped                 Unknown   ',
        'gen1   -        generic   Stopped                 Unknown   ',
        'gen2   -        generic   Stopped                 Unknown   ',
        '',
      ].join('\n'),
    );
  });

  it('prints running, active, timed-out and unloadable machines', () => {
    const items = [
      toLsItem(summary('broken', { error: 'Machine "broken": config.json is not valid JSON\n(x)', driverName: '' }), null),
      toLsItem(summary('up'), status('up', { state: 'Running', url: 'tcp://127.0.0.1:2376', active: true, dockerVersion: 'v20.10.24' })),
      toLsItem(summary('slow'), status('slow', { state: 'Timeout', dockerVersion: '' })),
    ];
    expect(renderLs(items)).toBe(
      [
        'NAME     ACTIVE   DRIVER      STATE     URL                    SWARM   DOCKER      ERRORS',
        'broken   -        not found   Error                                                Machine "broken": config.json is not valid JSON (x)',
        'up       *        generic     Running   tcp://127.0.0.1:2376           v20.10.24   ',
        'slow     -        generic     Timeout                                              ',
        '',
      ].join('\n'),
    );
  });

  it('puts a failed or cancelled provisioning first in ERRORS (its first line), before what the probe says', () => {
    const item = toLsItem(
      summary('half', { provisionError: 'Machine "half": cancelled at step "Install Docker Engine"\n--- log ---\napt…' }),
      status('half', { state: 'Running', error: 'Docker at tcp://127.0.0.1:2376 refused the connection' }),
    );
    expect(item.Error).toBe('Machine "half": cancelled at step "Install Docker Engine"');
    expect(toLsItem(summary('ok'), status('ok', { error: 'Docker at x refused the connection' })).Error).toBe('Docker at x refused the connection');
  });

  it.each([
    ['{{.Name}}', 'a\nb\n'],
    ['{{.Name}} {{.DriverName}} {{.State}}', 'a generic Stopped\nb generic Running\n'],
    ['table {{.Name}}\\t{{.State}}', 'NAME   STATE\na      Stopped\nb      Running\n'],
    ['{{.Name}},{{.ResponseTime}}', 'a,3ms\nb,3ms\n'],
  ])('custom format %s', (format, expected) => {
    const items = [toLsItem(summary('a'), status('a')), toLsItem(summary('b'), status('b', { state: 'Running' }))];
    expect(renderLs(items, format)).toBe(expected);
  });
});

describe('ls filters', () => {
  const item = toLsItem(summary('web-1', { driverName: 'generic' }), status('web-1', { state: 'Running' }));
  it.each([
    [[], true],
    [['driver=GENERIC'], true],
    [['driver=qemu'], false],
    [['state=running'], true],
    [['state=Stopped', 'state=Running'], true],
    [['name=^web'], true],
    [['name=^db'], false],
    [['label=env=test'], true],
    [['label=env=prod'], false],
    [['driver=generic', 'name=^db'], false],
  ])('%j → %s', (filters, expected) => {
    expect(matchesLsFilters(item, ['env=test'], '', parseLsFilters(filters))).toBe(expected);
  });

  it.each([
    ['nokey', 'Unsupported filter syntax.'],
    ['color=red', "Unsupported filter key 'color'"],
    ['name=(', /Invalid name filter/],
  ])('refuses %s', (filter, message) => {
    expect(() => parseLsFilters([filter])).toThrow(message);
  });
});

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'],
    [3, '3ms'],
    [999, '999ms'],
    [1500, '1.5s'],
    [10000, '10s'],
    [61000, '1m1s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});

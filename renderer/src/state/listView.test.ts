import { describe, expect, it } from 'vitest';
import type { MachineStatus, MachineSummary } from '../../../shared/types';
import { DEFAULT_VIEW, type ListView, parseListView, rangeOf, viewRows } from './listView';
import type { RowStatus } from './machinesStore';

const summary = (name: string, driverName = 'generic', extra: Partial<MachineSummary> = {}): MachineSummary => ({
  name, driverName, error: null, ip: null, url: null, swarm: '', machineDir: `/s/${name}`, provisionError: null, certWarning: null, labels: [], sshUnavailable: null, ...extra,
});
const done = (state: MachineStatus['state'], dockerVersion = 'Unknown'): RowStatus => ({
  kind: 'done',
  status: { name: '', state, url: '', active: false, dockerVersion, error: null, detail: null, responseMs: 1 },
});

const machines = [
  summary('web10'),
  summary('web2', 'qemu'),
  summary('db', 'generic', { provisionError: 'step "Check privileges": sudo' }),
  summary('Api'),
  summary('broken', '', { error: 'config.json is not valid JSON' }),
];
const statuses: Record<string, RowStatus> = {
  web10: done('Running', 'v27.3.1'),
  web2: done('Stopped'),
  db: done('Running', 'v20.10.24'),
  Api: { kind: 'pending' },
};
const names = (view: Partial<ListView>): string[] => viewRows(machines, statuses, { ...DEFAULT_VIEW, ...view }).map((m) => m.name);

describe('viewRows', () => {
  it.each<[string, Partial<ListView>, string[]]>([
    ['by name, naturally (web2 before web10), any case', {}, ['Api', 'broken', 'db', 'web2', 'web10']],
    ['by name, descending', { descending: true }, ['web10', 'web2', 'db', 'broken', 'Api']],
    ['filtered by a piece of the name, any case', { text: 'WEB' }, ['web2', 'web10']],
    ['filtered by driver', { driver: 'qemu' }, ['web2']],
    ['filtered by state: a failed create and a broken record are Error', { state: 'Error' }, ['broken', 'db']],
    ['filtered by state: still checking', { state: 'Checking' }, ['Api']],
    ['sorted by state, then name', { sort: 'state' }, ['Api', 'broken', 'db', 'web10', 'web2']],
    ['sorted by Docker version, ties by name', { sort: 'docker', descending: true }, ['web10', 'db', 'web2', 'Api', 'broken']],
    ['filters combine', { text: 'web', state: 'Running' }, ['web10']],
  ])('%s', (_, view, expected) => expect(names(view)).toEqual(expected));
});

describe('saved list views and ranges', () => {
  it.each([
    [{ text: 'web', sort: 'state', descending: true }, { text: 'web', driver: '', state: '', sort: 'state', descending: true }],
    [{ sort: 'evil', text: 3 }, { text: '', driver: '', state: '', sort: 'name', descending: false }],
    [null, { text: '', driver: '', state: '', sort: 'name', descending: false }],
  ])('parseListView(%j)', (raw, want) => expect(parseListView(raw)).toEqual(want));

  it.each([
    [null, 'c', ['c']],
    ['b', 'd', ['b', 'c', 'd']],
    ['d', 'b', ['b', 'c', 'd']],
    ['gone', 'b', ['b']],
  ])('rangeOf(from %j to %j)', (from, to, want) => expect(rangeOf(['a', 'b', 'c', 'd'], from, to)).toEqual(want));
});

import { describe, expect, it } from 'vitest';
import type { MachineSummary } from '../../../shared/types';
import { filterPalette, paletteItems } from './palette';

const m = (name: string, error: string | null = null) => ({ name, error }) as MachineSummary;
const items = paletteItems([m('web-1'), m('db'), m('broken', 'config.json is not valid JSON')]);
const labels = (q: string): string[] => filterPalette(items, q).map((i) => i.label);

describe('command palette', () => {
  it.each<[string, string[]]>([
    ['restart web', ['Restart web-1']],
    ['web restart', ['Restart web-1']],
    ['SSH', ['SSH into web-1', 'SSH into db']],
    ['go db', ['Go to db']],
    ['broken', ['Go to broken', 'Remove broken']],
    ['settings', ['Open settings']],
    ['nothing like this', []],
  ])('%j', (q, want) => expect(labels(q)).toEqual(want));

  it('an empty query lists the app commands first', () => {
    expect(labels('').slice(0, 2)).toEqual(['Create machine…', 'Import machines…']);
  });

  it('each machine entry runs the same action the menus do', () => {
    expect(filterPalette(items, 'restart web')[0]!.run).toEqual({ kind: 'machine', name: 'web-1', action: 'restart' });
  });
});

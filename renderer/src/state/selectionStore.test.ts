import { beforeEach, describe, expect, it } from 'vitest';
import { rangeOf } from './listView';
import { useSelection } from './selectionStore';

describe('the list selection', () => {
  beforeEach(() => useSelection.getState().set([]));

  it('toggles names in the order ticked, selects all shown, and drops machines that went away', () => {
    const s = useSelection.getState();
    s.toggle('b');
    s.toggle('a');
    expect(useSelection.getState().selected).toEqual(['b', 'a']);
    s.toggle('b');
    expect(useSelection.getState().selected).toEqual(['a']);
    s.set(['a', 'c', 'd']);
    s.keep(['a', 'd', 'e']);
    expect(useSelection.getState().selected).toEqual(['a', 'd']);
    const before = useSelection.getState();
    s.keep(['a', 'd']);
    expect(useSelection.getState()).toBe(before); // nothing changed: no re-render
  });

  it('Shift-click ticks the range from the last one ticked, and unticks it from a ticked one', () => {
    const s = useSelection.getState();
    const shown = ['a', 'b', 'c', 'd', 'e'];
    s.toggle('b');
    s.toggleRange('d', rangeOf(shown, useSelection.getState().anchor, 'd'));
    expect(useSelection.getState().selected).toEqual(['b', 'c', 'd']);
    s.toggleRange('c', rangeOf(shown, 'e', 'c'));
    expect(useSelection.getState().selected).toEqual(['b']);
  });
});

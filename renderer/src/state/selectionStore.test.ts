import { beforeEach, describe, expect, it } from 'vitest';
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
});

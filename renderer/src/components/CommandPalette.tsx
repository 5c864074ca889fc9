import { useId, useMemo, useState } from 'react';
import { useMachines } from '../state/machinesStore';
import { filterPalette, type PaletteRun, paletteItems, SHORTCUTS } from '../state/palette';
import { Dialog } from './Dialog';

/**
 * Ctrl/Cmd+K: type to find a command or a machine's action, arrows to choose, Enter to run (the
 * same path as the menus and buttons, so a refused action says why as they do).
 */
export function CommandPalette({ onRun, onClose }: { onRun(run: PaletteRun): void; onClose(): void }) {
  const machines = useMachines((s) => s.machines);
  const items = useMemo(() => paletteItems(machines), [machines]);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const shown = filterPalette(items, query);
  const current = Math.min(index, Math.max(0, shown.length - 1));
  const listId = useId();
  const run = (i: number): void => {
    const item = shown[i];
    if (!item) return;
    onClose();
    onRun(item.run);
  };
  return (
    <Dialog title="Command palette" onClose={onClose}>
      <input
        className="palette-input"
        role="combobox"
        aria-label="Command or machine"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown[current] ? `${listId}-${current}` : undefined}
        aria-autocomplete="list"
        placeholder="Type a command or a machine name…"
        autoFocus
        value={query}
        onChange={(e) => (setQuery(e.target.value), setIndex(0))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setIndex((current + (e.key === 'ArrowDown' ? 1 : shown.length - 1)) % Math.max(1, shown.length));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            run(current);
          }
        }}
      />
      <ul className="palette-list" role="listbox" id={listId} aria-label="Commands">
        {shown.map((item, i) => (
          <li key={item.id} id={`${listId}-${i}`} role="option" aria-selected={i === current} onMouseDown={(e) => (e.preventDefault(), run(i))}>
            <span>{item.label}</span>
            {item.keys && <kbd>{item.keys}</kbd>}
          </li>
        ))}
        {shown.length === 0 && <li className="muted">Nothing matches “{query}”.</li>}
      </ul>
    </Dialog>
  );
}

/** Every shortcut of the app, from the palette's "Keyboard shortcuts". */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} onEnter={onClose}>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

import type { MachineMenuAction, MachineSummary } from '../../../shared/types';

/** What a palette entry does; the app runs it the way its menu or button would. */
export type PaletteRun =
  | { kind: 'new-machine' }
  | { kind: 'import' }
  | { kind: 'refresh' }
  | { kind: 'settings' }
  | { kind: 'tasks' }
  | { kind: 'shortcuts' }
  | { kind: 'open-machine'; name: string }
  | { kind: 'machine'; name: string; action: MachineMenuAction };

export interface PaletteItem {
  id: string;
  label: string;
  /** The shortcut that does the same, shown beside it. */
  keys?: string;
  run: PaletteRun;
}

/** Every keyboard shortcut of the app (the palette lists them, and "Keyboard shortcuts" shows them all). */
export const SHORTCUTS: Array<[keys: string, what: string]> = [
  ['Ctrl/Cmd+K', 'Command palette: go to a machine, run an action'],
  ['Ctrl/Cmd+N', 'Create a machine'],
  ['/', 'Filter the machine list'],
  ['F5, Ctrl/Cmd+R', 'Refresh the list'],
  ['Escape', 'Close a dialog (a filled wizard asks first)'],
  ['Ctrl/Cmd+F', 'Find in a terminal (or the shell’s, as Settings says)'],
  ['Ctrl+Shift+C / Ctrl+Shift+V', 'Copy / paste in a terminal'],
  ['Ctrl+Shift+T / Ctrl+Shift+W', 'New terminal for the same machine / close this one (the app; a browser keeps these)'],
  ['Ctrl+Tab / Ctrl+Shift+Tab', 'Next / previous terminal (the app; a browser keeps these)'],
  ['Ctrl+= / Ctrl+- / Ctrl+0', 'Terminal font bigger / smaller / as it was'],
  ['Escape, Alt+Left', 'Back from a machine’s page to the list'],
];

const MACHINE_ACTIONS: Array<[MachineMenuAction, string]> = [
  ['ssh', 'SSH into'],
  ['env', 'Copy env for'],
  ['start', 'Start'],
  ['stop', 'Stop'],
  ['restart', 'Restart'],
  ['provision', 'Provision again'],
  ['upgrade', 'Upgrade Docker on'],
  ['regenerateCerts', 'Regenerate certificates of'],
  ['remove', 'Remove'],
];

/** The palette's entries: the app's commands, then each machine and what can be done to it. */
export function paletteItems(machines: MachineSummary[]): PaletteItem[] {
  const app: PaletteItem[] = [
    { id: 'new', label: 'Create machine…', keys: 'Ctrl+N', run: { kind: 'new-machine' } },
    { id: 'import', label: 'Import machines…', run: { kind: 'import' } },
    { id: 'refresh', label: 'Refresh the list', keys: 'F5', run: { kind: 'refresh' } },
    { id: 'settings', label: 'Open settings', run: { kind: 'settings' } },
    { id: 'tasks', label: 'Show tasks', run: { kind: 'tasks' } },
    { id: 'shortcuts', label: 'Keyboard shortcuts', run: { kind: 'shortcuts' } },
  ];
  const perMachine = machines.flatMap((m) => [
    { id: `open:${m.name}`, label: `Go to ${m.name}`, run: { kind: 'open-machine' as const, name: m.name } },
    // A machine whose record is broken can only be removed.
    ...MACHINE_ACTIONS.filter(([action]) => m.error === null || action === 'remove').map(([action, verb]) => ({
      id: `${action}:${m.name}`,
      label: `${verb} ${m.name}`,
      run: { kind: 'machine' as const, name: m.name, action },
    })),
  ]);
  return [...app, ...perMachine];
}

/** Entries whose label holds every typed word (any order, any case), shortest label first among equals. */
export function filterPalette(items: PaletteItem[], query: string, limit = 50): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items.slice(0, limit);
  const hits = items.filter((i) => words.every((w) => i.label.toLowerCase().includes(w)));
  const starts = (i: PaletteItem): number => (i.label.toLowerCase().startsWith(words[0]!) ? 0 : 1);
  return hits.sort((a, b) => starts(a) - starts(b)).slice(0, limit);
}

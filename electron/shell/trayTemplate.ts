import { type MenuItemSpec, SEPARATOR, type ShellMachine } from './shellCommands';

/** A tray menu longer than this is not a quick menu any more (and each entry costs a probe). */
export const TRAY_MAX_MACHINES = 20;

export interface TrayInput {
  appName: string;
  /** The first TRAY_MAX_MACHINES machines of the store, in list order. */
  machines: ShellMachine[];
  /** How many machines the store has in all. */
  total: number;
  /** Long actions running now (creates, provisions, restarts…). */
  running: number;
}

/** Per machine: its state, Start or Stop where its driver can, a terminal, its env. */
function machineItem(m: ShellMachine): MenuItemSpec {
  const up = m.state === 'Running';
  const power = up ? ('stop' as const) : ('start' as const);
  const reason = m.capabilities[power];
  return {
    label: `${m.name} — ${m.state}`,
    submenu: [
      {
        label: up ? 'Stop' : 'Start',
        enabled: reason === null,
        ...(reason ? { toolTip: reason } : {}),
        command: { kind: 'machine', name: m.name, action: power },
      },
      {
        label: 'Open SSH Terminal',
        enabled: m.capabilities.ssh === null && up,
        ...(m.capabilities.ssh ? { toolTip: m.capabilities.ssh } : up ? {} : { toolTip: `${m.name} is ${m.state}` }),
        command: { kind: 'machine', name: m.name, action: 'ssh' },
      },
      { label: 'Copy Env (bash)', command: { kind: 'copy-env', name: m.name } },
      SEPARATOR,
      { label: 'Open in Berth', command: { kind: 'open-machine', name: m.name } },
    ],
  };
}

/** The tray / menu-bar menu: the store's machines, then Show and Quit. */
export function trayTemplate({ appName, machines, total, running }: TrayInput): MenuItemSpec[] {
  return [
    ...(running > 0 ? [{ label: `${running} action${running === 1 ? '' : 's'} running…`, enabled: false }, SEPARATOR] : []),
    ...(machines.length > 0 ? machines.map(machineItem) : [{ label: 'No machines yet', enabled: false }]),
    ...(total > machines.length ? [{ label: `${total - machines.length} more in ${appName}…`, command: { kind: 'show' } } as MenuItemSpec] : []),
    SEPARATOR,
    { label: `Show ${appName}`, command: { kind: 'show' } },
    { label: `Quit ${appName}`, command: { kind: 'quit' } },
  ];
}

/** The tray icon's tooltip: how many machines run, and whether something is in progress. */
export function trayToolTip({ appName, machines, total, running }: TrayInput): string {
  const up = machines.filter((m) => m.state === 'Running').length;
  const shown = machines.length;
  return `${appName} — ${up} of ${shown} machine${shown === 1 ? '' : 's'} running${total > shown ? ` (${total} in all)` : ''}${running > 0 ? `, ${running} action${running === 1 ? '' : 's'} in progress` : ''}`;
}

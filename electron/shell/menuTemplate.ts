import { type MachineMenuAction, type MenuItemSpec, SEPARATOR, type ShellMachine, type ShellSettings, type Theme } from './shellCommands';

export interface MenuInput {
  platform: NodeJS.Platform;
  /** Development build: reload and developer tools are offered (never in a packaged app: a reload ends every terminal). */
  dev: boolean;
  appName: string;
  /** The machine whose page is open, with what it can do now. */
  viewing: ShellMachine | null;
  settings: ShellSettings;
}

/** The Machine menu's items, each enabled by the machine's capabilities with the same reasons the page shows. */
const MACHINE_ITEMS: Array<{ action: MachineMenuAction; label: string; accelerator?: string } | null> = [
  { action: 'start', label: 'Start' },
  { action: 'stop', label: 'Stop' },
  { action: 'restart', label: 'Restart…' },
  { action: 'kill', label: 'Kill' },
  null,
  { action: 'provision', label: 'Provision Again' },
  { action: 'regenerateCerts', label: 'Regenerate Certificates…' },
  { action: 'upgrade', label: 'Upgrade Docker…' },
  null,
  { action: 'ssh', label: 'Open SSH Terminal', accelerator: 'CmdOrCtrl+T' },
  { action: 'env', label: 'Copy Env…', accelerator: 'CmdOrCtrl+E' },
  null,
  { action: 'remove', label: 'Remove…' },
];

function machineMenu(viewing: ShellMachine | null): MenuItemSpec[] {
  return MACHINE_ITEMS.map((item) => {
    if (item === null) return SEPARATOR;
    if (!viewing) return { label: item.label, accelerator: item.accelerator, enabled: false, toolTip: 'Open a machine first' };
    const reason = item.action === 'env' || item.action === 'remove' ? null : viewing.capabilities[item.action];
    return {
      label: item.label,
      ...(item.accelerator ? { accelerator: item.accelerator } : {}),
      enabled: reason === null,
      ...(reason ? { toolTip: reason } : {}),
      command: { kind: 'machine', name: viewing.name, action: item.action },
    };
  });
}

function preferences(settings: ShellSettings, platform: NodeJS.Platform): MenuItemSpec[] {
  return [
    {
      label: platform === 'darwin' ? 'Keep Running in the Menu Bar When the Window Closes' : 'Keep Running in the Tray When the Window Closes',
      type: 'checkbox',
      checked: settings.keepInTray,
      command: { kind: 'set-keep-in-tray', on: !settings.keepInTray },
    },
    settings.startAtLogin === null
      ? { label: 'Start Berth at Login', type: 'checkbox', checked: false, enabled: false, toolTip: 'This system offers no login items to Berth' }
      : { label: 'Start Berth at Login', type: 'checkbox', checked: settings.startAtLogin, command: { kind: 'set-start-at-login', on: !settings.startAtLogin } },
  ];
}

const THEMES: Array<[Theme, string]> = [
  ['system', 'Like the System'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

/**
 * The application menu by platform convention: macOS gets the app menu (About, Preferences, Hide,
 * Quit) and Window; elsewhere File/Edit/View/Machine/Window/Help. The renderer's shortcuts are the
 * same keys (F5 and Ctrl/Cmd+R refresh the list and never reload the page).
 */
export function appMenuTemplate({ platform, dev, appName, viewing, settings }: MenuInput): MenuItemSpec[] {
  const mac = platform === 'darwin';
  const about: MenuItemSpec = { label: `About ${appName}`, command: { kind: 'about' } };
  const file: MenuItemSpec = {
    label: 'File',
    submenu: [
      { label: 'New Machine…', accelerator: 'CmdOrCtrl+N', command: { kind: 'new-machine' } },
      { label: 'Import Machines…', accelerator: 'CmdOrCtrl+O', command: { kind: 'import' } },
      SEPARATOR,
      ...(mac ? [] : [{ label: 'Preferences', submenu: preferences(settings, platform) }, SEPARATOR]),
      { role: 'close', label: 'Close Window', accelerator: 'CmdOrCtrl+W' },
      ...(mac ? [] : [{ role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' }]),
    ],
  };
  const edit: MenuItemSpec = {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, SEPARATOR, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemSpec = {
    label: 'View',
    submenu: [
      // Not the page's reload (Electron's default View menu has one): the list, from the store and the hosts.
      // (F5 does the same; the page handles it.)
      { label: 'Refresh List', accelerator: 'CmdOrCtrl+R', command: { kind: 'refresh' } },
      SEPARATOR,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      SEPARATOR,
      { role: 'togglefullscreen' },
      { label: 'Theme', submenu: THEMES.map(([theme, label]) => ({ label, type: 'radio', checked: settings.theme === theme, command: { kind: 'set-theme', theme } })) },
      ...(dev ? [SEPARATOR, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] : []),
    ],
  };
  const machine: MenuItemSpec = { label: 'Machine', submenu: machineMenu(viewing) };
  const window: MenuItemSpec = { role: 'windowMenu', label: 'Window' };
  const help: MenuItemSpec = {
    role: 'help',
    label: 'Help',
    submenu: [
      { label: `${appName} Documentation`, command: { kind: 'open-docs' } },
      { label: 'Open the Log Folder', command: { kind: 'open-log-folder' } },
      ...(mac ? [] : [SEPARATOR, about]),
    ],
  };
  if (!mac) return [file, edit, view, machine, window, help];
  const appMenu: MenuItemSpec = {
    label: appName,
    submenu: [
      about,
      SEPARATOR,
      { label: 'Preferences', submenu: preferences(settings, platform) },
      SEPARATOR,
      { role: 'services' },
      SEPARATOR,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      SEPARATOR,
      { role: 'quit' },
    ],
  };
  return [appMenu, file, edit, view, machine, window, help];
}

/** Every item of a template, depth first (tests look for roles and accelerators anywhere). */
export function flattenMenu(items: MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((i) => [i, ...flattenMenu(i.submenu ?? [])]);
}

import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { app, BrowserWindow, clipboard, Menu, type MenuItemConstructorOptions, nativeImage, nativeTheme, screen, shell, Tray } from 'electron';
import type { AppCommand } from '../../shared/types';
import type { Core, CoreClient } from '../core/core';
import { machineCapabilities } from '../core/services/capable';
import { launchRequest } from '../shell/launchArgs';
import { appMenuTemplate } from '../shell/menuTemplate';
import type { MenuItemSpec, ShellCommand, ShellMachine, ShellSettings } from '../shell/shellCommands';
import { parseShellSettings } from '../shell/shellSettings';
import { TRAY_MAX_MACHINES, trayTemplate, trayToolTip } from '../shell/trayTemplate';
import { displayKey, MIN_WINDOW, parseWindowStates, restoreWindowState, type WindowState } from '../shell/windowState';

/**
 * The desktop around the window: application menu, tray, remembered window state, notifications,
 * login item and theme. The templates and rules are plain modules (electron/shell/, tested in
 * Node); this file only hands them to Electron and carries out their commands.
 */
export interface DesktopShell {
  /** Options for the main window: where it opens and its minimum size. */
  windowOptions(): { x: number; y: number; width: number; height: number; minWidth: number; minHeight: number };
  /** Wires a new main window: remembered state, close-to-tray, menu. */
  adopt(win: BrowserWindow, wasMaximized: boolean): void;
  /** What a launch's arguments ask for (`--machine NAME` opens its page). */
  openFromArgs(argv: string[]): void;
  /** A second launch (single instance): focus the window and do what its arguments ask. */
  secondLaunch(argv: string[]): void;
  viewing(name: string | null): void;
  actionsRunning(count: number): void;
  /** The tray menu's top-level labels as last built (the Electron launch test reads them: a tray menu cannot be read back). */
  trayLabels(): string[];
}

const APP_NAME = 'Berth';
const TRAY_REFRESH_MS = 15_000;

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

async function writeJson(file: string, data: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(data, null, 2), { mode: 0o600 });
}

export function createDesktopShell(opts: { core: Core; createWindow(): BrowserWindow; dev: boolean; iconDir: string; docsFile: string }): DesktopShell {
  const { core } = opts;
  const userData = app.getPath('userData');
  const settingsFile = join(userData, 'shell-settings.json');
  const windowFile = join(userData, 'window-state.json');
  let settings: ShellSettings = parseShellSettings(readText(settingsFile), process.platform);
  let viewing: string | null = null;
  let running = 0;
  let quitting = false;
  let tray: Tray | null = null;
  let trayLabels: string[] = [];
  // The shell's own connection to the core: the same contract the page uses.
  // The theme is the Settings page's (berth-settings.json in the store): the View menu shows and sets
  // that one, and follows a change made on the page.
  const followTheme = (theme: ShellSettings['theme']): void => {
    settings = { ...settings, theme };
    nativeTheme.themeSource = theme;
    void rebuild();
  };
  type WithTheme = { ui: { theme: ShellSettings['theme'] } };
  const client: CoreClient = core.connect((event, payload) => {
    if (event === 'settings.changed') followTheme((payload as WithTheme).ui.theme);
  });
  void client.dispatch('settings.get', {}).then((r) => r.ok && followTheme((r.value as WithTheme).ui.theme));
  app.on('before-quit', () => (quitting = true));

  const win = (): BrowserWindow | undefined => BrowserWindow.getAllWindows()[0];
  const show = (): BrowserWindow => {
    const w = win() ?? opts.createWindow();
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
    return w;
  };
  /** The page carries out what needs its dialogs; it is shown first. */
  const toPage = (command: AppCommand): void => {
    const w = show();
    const send = (): void => w.webContents.send('berth:event', 'app.command', command);
    if (w.webContents.isLoading()) w.webContents.once('did-finish-load', send);
    else send();
  };
  const saveSettings = (next: ShellSettings): void => {
    settings = next;
    const { keepInTray, startAtLogin } = settings;
    void writeJson(settingsFile, { keepInTray, startAtLogin }).catch((err: Error) => core.log.write('warn', `shell settings not saved: ${err.message}`));
    void rebuild();
  };

  const run = (command: ShellCommand): void => {
    switch (command.kind) {
      case 'show':
        show();
        return;
      case 'quit':
        app.quit();
        return;
      case 'open-docs':
        void shell.openPath(opts.docsFile);
        return;
      case 'open-log-folder':
        void shell.openPath(dirname(core.log.file));
        return;
      case 'set-theme':
        void client.dispatch('settings.set', { change: { theme: command.theme } });
        return;
      case 'set-keep-in-tray':
        saveSettings({ ...settings, keepInTray: command.on });
        return;
      case 'set-start-at-login':
        app.setLoginItemSettings({ openAtLogin: command.on });
        saveSettings({ ...settings, startAtLogin: app.getLoginItemSettings().openAtLogin });
        return;
      case 'copy-env':
        void client.dispatch('machine.env', { name: command.name, shell: 'bash', unset: false, noProxy: false }).then((r) => {
          if (r.ok) clipboard.writeText((r.value as { text: string }).text);
        });
        return;
      case 'machine':
        // Start and Stop from the tray run without the window; everything else needs the page's dialogs.
        if ((command.action === 'start' || command.action === 'stop') && !win()?.isVisible()) {
          void client.dispatch('machine.power', { name: command.name, action: command.action });
          return;
        }
        toPage(command);
        return;
      default:
        toPage(command);
    }
  };

  const toElectron = (items: MenuItemSpec[]): MenuItemConstructorOptions[] =>
    items.map(({ command, submenu, role, ...rest }) => ({
      ...rest,
      ...(role ? { role: role as MenuItemConstructorOptions['role'] } : {}),
      ...(submenu ? { submenu: toElectron(submenu) } : {}),
      ...(command ? { click: () => run(command) } : {}),
    }));

  const shellMachine = async (name: string, state: string): Promise<ShellMachine | null> => {
    try {
      return { name, state, capabilities: await machineCapabilities(await core.machines.store.load(name)) };
    } catch {
      return null;
    }
  };

  async function rebuild(): Promise<void> {
    const viewed = viewing ? await shellMachine(viewing, '') : null;
    Menu.setApplicationMenu(Menu.buildFromTemplate(toElectron(appMenuTemplate({ platform: process.platform, dev: opts.dev, appName: APP_NAME, viewing: viewed, settings }))));
    await rebuildTray();
  }

  async function rebuildTray(): Promise<void> {
    if (!tray) return;
    const listing = await core.machines.listing({ certWarnings: false }).catch(() => null);
    const machines = (
      await Promise.all(
        (listing?.machines ?? []).slice(0, TRAY_MAX_MACHINES).map(async (m) => {
          const state = m.error ? 'Error' : (await core.machines.status(m.name, { timeoutMs: 3000 }).catch(() => null))?.state ?? 'Unknown';
          return shellMachine(m.name, state);
        }),
      )
    ).filter((m): m is ShellMachine => m !== null);
    const input = { appName: APP_NAME, machines, total: listing?.machines.length ?? 0, running };
    const items = trayTemplate(input);
    trayLabels = items.flatMap((i) => (i.label ? [i.label] : []));
    tray.setContextMenu(Menu.buildFromTemplate(toElectron(items)));
    tray.setToolTip(trayToolTip(input));
  }

  // macOS takes a monochrome template image (the menu bar tints it); elsewhere the coloured icon.
  const trayIcon = nativeImage.createFromPath(join(opts.iconDir, process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'));
  if (process.platform === 'darwin') trayIcon.setTemplateImage(true);
  try {
    tray = new Tray(trayIcon);
    tray.on('click', () => show());
  } catch (err) {
    core.log.write('warn', `no tray icon: ${(err as Error).message}`);
  }
  void rebuild();
  setInterval(() => void rebuildTray(), TRAY_REFRESH_MS).unref();

  return {
    windowOptions() {
      const areas = [screen.getPrimaryDisplay().workArea, ...screen.getAllDisplays().filter((d) => d.id !== screen.getPrimaryDisplay().id).map((d) => d.workArea)];
      const saved = parseWindowStates(readText(windowFile))[displayKey(areas)] ?? null;
      const state = restoreWindowState(saved, areas);
      return { ...state.bounds, minWidth: MIN_WINDOW.width, minHeight: MIN_WINDOW.height };
    },
    adopt(w, wasMaximized) {
      const areas = (): Parameters<typeof displayKey>[0] => screen.getAllDisplays().map((d) => d.workArea);
      const key = (): string => displayKey(areas());
      const saved = parseWindowStates(readText(windowFile))[key()];
      if (saved?.maximized ?? wasMaximized) w.maximize();
      let timer: NodeJS.Timeout | null = null;
      const save = (): void => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          if (w.isDestroyed()) return;
          const all = parseWindowStates(readText(windowFile));
          const state: WindowState = { bounds: w.getNormalBounds(), maximized: w.isMaximized() };
          void writeJson(windowFile, { ...all, [key()]: state }).catch(() => undefined);
        }, 500);
      };
      for (const e of ['resize', 'move', 'maximize', 'unmaximize'] as const) w.on(e as 'resize', save);
      w.on('close', (e) => {
        save();
        if (settings.keepInTray && tray && !quitting) {
          e.preventDefault();
          w.hide();
        }
      });
    },
    openFromArgs(argv) {
      const { machine } = launchRequest(argv);
      if (machine) toPage({ kind: 'open-machine', name: machine });
    },
    secondLaunch(argv) {
      show();
      this.openFromArgs(argv);
    },
    viewing(name) {
      viewing = name;
      void rebuild();
    },
    trayLabels: () => trayLabels,
    actionsRunning(count) {
      running = count;
      void rebuildTray();
    },
  };
}

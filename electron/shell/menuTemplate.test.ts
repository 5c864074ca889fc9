import { describe, expect, it } from 'vitest';
import type { Capabilities } from '../../shared/types';
import { appMenuTemplate, flattenMenu, type MenuInput } from './menuTemplate';
import { defaultShellSettings, type MenuItemSpec } from './shellCommands';
import { trayTemplate, trayToolTip } from './trayTemplate';

const all = (reason: string | null): Capabilities => ({ start: reason, stop: reason, restart: reason, kill: reason, provision: reason, regenerateCerts: reason, upgrade: reason, ssh: reason });
const generic: Capabilities = { ...all(null), start: 'generic driver does not support start', stop: 'generic driver does not support stop', kill: 'generic driver does not support kill' };
const input = (over: Partial<MenuInput> = {}): MenuInput => ({ platform: 'linux', dev: false, appName: 'Berth', viewing: null, settings: defaultShellSettings('linux'), ...over });
const labels = (items: MenuItemSpec[]): string[] => items.map((i) => i.label ?? i.role ?? i.type ?? '');
const find = (items: MenuItemSpec[], label: string): MenuItemSpec => flattenMenu(items).find((i) => i.label === label)!;

describe('application menu', () => {
  it.each([
    ['linux', ['File', 'Edit', 'View', 'Machine', 'Window', 'Help']],
    ['win32', ['File', 'Edit', 'View', 'Machine', 'Window', 'Help']],
    ['darwin', ['Berth', 'File', 'Edit', 'View', 'Machine', 'Window', 'Help']],
  ] as const)('%s: the platform\'s menus in its order', (platform, menus) => {
    expect(labels(appMenuTemplate(input({ platform, settings: defaultShellSettings(platform) })))).toEqual(menus);
  });

  it('has no reload, force reload or developer tools outside development', () => {
    const roles = flattenMenu(appMenuTemplate(input())).map((i) => i.role);
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) expect(roles).not.toContain(role);
    const dev = flattenMenu(appMenuTemplate(input({ dev: true }))).map((i) => i.role);
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    // Ctrl/Cmd+R refreshes the list (the page's own shortcut), it never reloads the page.
    expect(flattenMenu(appMenuTemplate(input())).find((i) => i.accelerator === 'CmdOrCtrl+R')?.command).toEqual({ kind: 'refresh' });
  });

  it('no accelerator is given twice', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const keys = flattenMenu(appMenuTemplate(input({ platform, dev: true, viewing: { name: 'm', state: 'Running', capabilities: generic } }))).flatMap((i) => (i.accelerator ? [i.accelerator] : []));
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('File has New Machine and Import; Quit on Ctrl+Q outside macOS, in the app menu on macOS', () => {
    const linux = appMenuTemplate(input());
    expect(find(linux, 'New Machine…')).toMatchObject({ accelerator: 'CmdOrCtrl+N', command: { kind: 'new-machine' } });
    expect(find(linux, 'Import Machines…').command).toEqual({ kind: 'import' });
    expect(find(linux, 'Quit')).toMatchObject({ role: 'quit', accelerator: 'Ctrl+Q' });
    const mac = appMenuTemplate(input({ platform: 'darwin' }));
    expect(labels(mac[0]!.submenu!)).toEqual(['About Berth', 'separator', 'Preferences', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit']);
  });

  it('Machine: disabled with "Open a machine first" when none is in view; else enabled by its capabilities, with their reasons', () => {
    const none = appMenuTemplate(input()).find((m) => m.label === 'Machine')!.submenu!.filter((i) => i.label);
    expect(none.every((i) => i.enabled === false && i.toolTip === 'Open a machine first')).toBe(true);
    const menu = appMenuTemplate(input({ viewing: { name: 'web-1', state: 'Running', capabilities: generic } })).find((m) => m.label === 'Machine')!.submenu!;
    expect(find(menu, 'Start')).toMatchObject({ enabled: false, toolTip: 'generic driver does not support start' });
    expect(find(menu, 'Restart…')).toMatchObject({ enabled: true, command: { kind: 'machine', name: 'web-1', action: 'restart' } });
    expect(find(menu, 'Open SSH Terminal')).toMatchObject({ enabled: true, accelerator: 'CmdOrCtrl+T' });
    expect(find(menu, 'Remove…')).toMatchObject({ enabled: true, command: { action: 'remove' } });
    const adopted = appMenuTemplate(input({ viewing: { name: 'u', state: 'Running', capabilities: all('hosts without a driver cannot be started') } }));
    expect(find(adopted, 'Open SSH Terminal').enabled).toBe(false);
    expect(find(adopted, 'Copy Env…').enabled).toBe(true);
  });

  it('Preferences: keep in the tray and start at login as checkboxes; login disabled where the OS has none; Theme as radios', () => {
    const linux = appMenuTemplate(input());
    expect(find(linux, 'Keep Running in the Tray When the Window Closes')).toMatchObject({ type: 'checkbox', checked: false, command: { kind: 'set-keep-in-tray', on: true } });
    expect(find(linux, 'Start Berth at Login')).toMatchObject({ enabled: false });
    const mac = appMenuTemplate(input({ platform: 'darwin', settings: { ...defaultShellSettings('darwin'), startAtLogin: true, theme: 'dark' } }));
    expect(find(mac, 'Keep Running in the Menu Bar When the Window Closes').checked).toBe(true);
    expect(find(mac, 'Start Berth at Login')).toMatchObject({ checked: true, command: { kind: 'set-start-at-login', on: false } });
    expect(find(mac, 'Dark')).toMatchObject({ type: 'radio', checked: true });
    expect(find(mac, 'Like the System').checked).toBe(false);
  });
});

describe('tray menu', () => {
  const machines = [
    { name: 'vm1', state: 'Stopped', capabilities: all(null) },
    { name: 'web-1', state: 'Running', capabilities: generic },
  ];

  it('lists the machines with their state, then Show and Quit', () => {
    expect(labels(trayTemplate({ appName: 'Berth', machines, total: 2, running: 0 }))).toEqual(['vm1 — Stopped', 'web-1 — Running', 'separator', 'Show Berth', 'Quit Berth']);
    expect(labels(trayTemplate({ appName: 'Berth', machines: [], total: 0, running: 0 }))[0]).toBe('No machines yet');
  });

  it('per machine: Start or Stop by its state and capabilities, a terminal only when it runs, its env', () => {
    const [vm1, web1] = trayTemplate({ appName: 'Berth', machines, total: 2, running: 0 });
    expect(vm1!.submenu![0]).toMatchObject({ label: 'Start', enabled: true, command: { kind: 'machine', name: 'vm1', action: 'start' } });
    expect(vm1!.submenu![1]).toMatchObject({ label: 'Open SSH Terminal', enabled: false, toolTip: 'vm1 is Stopped' });
    expect(web1!.submenu![0]).toMatchObject({ label: 'Stop', enabled: false, toolTip: 'generic driver does not support stop' });
    expect(web1!.submenu![1]).toMatchObject({ enabled: true, command: { kind: 'machine', name: 'web-1', action: 'ssh' } });
    expect(web1!.submenu![2]!.command).toEqual({ kind: 'copy-env', name: 'web-1' });
  });

  it('shows running actions at the top and in the tooltip', () => {
    expect(trayTemplate({ appName: 'Berth', machines, total: 2, running: 2 })[0]).toEqual({ label: '2 actions running…', enabled: false });
    expect(trayToolTip({ appName: 'Berth', machines, total: 2, running: 1 })).toBe('Berth — 1 of 2 machines running, 1 action in progress');
    expect(trayToolTip({ appName: 'Berth', machines: [], total: 0, running: 0 })).toBe('Berth — 0 of 0 machines running');
  });

  it('a store larger than the tray shows the first machines and how many more there are', () => {
    const items = trayTemplate({ appName: 'Berth', machines, total: 60, running: 0 });
    expect(items[2]).toEqual({ label: '58 more in Berth…', command: { kind: 'show' } });
    expect(trayToolTip({ appName: 'Berth', machines, total: 60, running: 0 })).toBe('Berth — 1 of 2 machines running (60 in all)');
  });
});

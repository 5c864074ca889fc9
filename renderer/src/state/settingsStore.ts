import { create } from 'zustand';
import { UI_DEFAULTS, type UiSettings } from '../../../shared/uiSettings';
import { api } from '../api/client';

interface SettingsState {
  ui: UiSettings;
  storePath: string;
  storeFrom: 'env' | 'flag' | 'default';
  loaded: boolean;
  load(): Promise<void>;
  /** Saves a change (the core checks it); every window follows through settings.changed. */
  change(change: Partial<UiSettings>): Promise<void>;
  /** Task-end notifications on or off; turned on in a browser, the OS permission is asked for then. */
  setNotifications(on: boolean): Promise<void>;
}

/** The Settings page's preferences as the core keeps them (berth-settings.json in the store). */
export const useSettings = create<SettingsState>((set) => ({
  ui: UI_DEFAULTS,
  storePath: '',
  storeFrom: 'default',
  loaded: false,
  async load() {
    const r = await api.invoke('settings.get', {});
    set({ ui: r.ui, storePath: r.storePath, storeFrom: r.storeFrom, loaded: true });
  },
  async change(change) {
    // Shown at once (a radio or a checkbox follows the click); the core's answer is what stays.
    const before = useSettings.getState().ui;
    set({ ui: { ...before, ...change } });
    try {
      set({ ui: (await api.invoke('settings.set', { change })).ui });
    } catch (err) {
      set({ ui: before });
      throw err;
    }
  },
  async setNotifications(on) {
    if (on && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
    await useSettings.getState().change({ notifications: on });
  },
}));

// Another window (or this one) changed them.
api.on('settings.changed', ({ ui }) => useSettings.setState({ ui }));

/** The theme on <html>: "system" leaves it to the OS (CSS media query); light/dark force it. */
export function applyTheme(theme: UiSettings['theme'], root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
useSettings.subscribe((s, prev) => s.ui.theme !== prev.ui.theme && applyTheme(s.ui.theme));

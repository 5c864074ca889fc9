import { create } from 'zustand';
import type { ActionSummary, ProgressEvent } from '../../../shared/types';
import { applyProgressEvent, LOG_LIMIT } from '../../../shared/progress';
import { api } from '../api/client';
import { useSettings } from './settingsStore';
import { endedText } from './tasks';
import { useToasts } from './toastStore';


interface TasksState {
  tasks: Record<string, ActionSummary>;
  /** Logs of the tasks whose details are open (fetched with `actions.get`, then followed live). */
  logs: Record<string, string>;
  /** The task to show expanded (a toast's "Show"). */
  focus: string | null;
  load(): Promise<void>;
  started(a: ActionSummary): void;
  progress(id: string, e: ProgressEvent): void;
  ended(a: ActionSummary): void;
  openLog(id: string): Promise<void>;
  closeLog(id: string): void;
  setFocus(id: string | null): void;
  clearFinished(): Promise<void>;
}

/** Machines whose progress a dialog shows right now: an action ending there needs no toast. */
export const visibleProgress = new Set<string>();
/** The task center is in front: every ending is on screen already. */
export const taskCenter = { shown: false };

/** The core's long actions as this window knows them: listed at start (a reloaded page attaches to what runs), then followed by events. */
export const useTasks = create<TasksState>((set) => ({
  tasks: {},
  logs: {},
  focus: null,

  async load() {
    const { actions } = await api.invoke('actions.list', {});
    set({ tasks: Object.fromEntries(actions.map((a) => [a.id, a])) });
  },
  started(a) {
    set((s) => ({ tasks: { ...s.tasks, [a.id]: a } }));
  },
  progress(id, e) {
    set((s) => {
      const t = s.tasks[id];
      if (!t) return s;
      const next = applyProgressEvent({ action: t.kind, phase: 'running', steps: t.steps, log: s.logs[id] ?? '', error: null, result: null }, e, Date.now());
      const logs = id in s.logs ? { ...s.logs, [id]: next.log.slice(-LOG_LIMIT) } : s.logs;
      return { tasks: { ...s.tasks, [id]: { ...t, steps: next.steps } }, logs };
    });
  },
  ended(a) {
    set((s) => ({ tasks: { ...s.tasks, [a.id]: a } }));
    tell(a, useSettings.getState().ui.notifications);
  },
  async openLog(id) {
    set((s) => ({ logs: { ...s.logs, [id]: s.logs[id] ?? '' } }));
    const detail = await api.invoke('actions.get', { id }).catch(() => null);
    if (!detail) return;
    const { log, ...summary } = detail;
    set((s) => ({ logs: { ...s.logs, [id]: log }, tasks: { ...s.tasks, [id]: summary } }));
  },
  closeLog(id) {
    set((s) => {
      const { [id]: _, ...logs } = s.logs;
      return { logs };
    });
  },
  setFocus(id) {
    set({ focus: id });
  },
  async clearFinished() {
    await api.invoke('actions.clearFinished', {});
    set((s) => ({ tasks: Object.fromEntries(Object.entries(s.tasks).filter(([, a]) => a.state === 'running')) }));
  },
}));

/** Set by the app: opens the task center on this task (a toast's or a notification's "Show"). */
let showTask: (id: string) => void = () => undefined;
export function onShowTask(show: (id: string) => void): void {
  showTask = show;
}

/**
 * An ended task the user is not looking at is told: a toast (errors stay until dismissed, with
 * Show) unless a dialog shows its progress in a focused window, and the browser's notification
 * when the page is hidden or unfocused and notifications are allowed (in Electron too, where the
 * page's Notification is the system's and the app grants it).
 */
function tell(a: ActionSummary, notify: boolean): void {
  const unseen = document.hidden || !document.hasFocus();
  if (!notify) return;
  if (unseen || (!visibleProgress.has(a.machine) && !taskCenter.shown)) {
    useToasts.getState().show(a.state === 'succeeded' ? 'info' : 'error', endedText(a), { label: 'Show', run: () => showTask(a.id) });
  }
  if (unseen && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
    const n = new Notification(`Berth: ${endedText(a)}`, { tag: a.id });
    n.onclick = () => {
      window.focus();
      showTask(a.id);
    };
  }
}

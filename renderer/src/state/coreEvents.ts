import { api } from '../api/client';
import { useMachines } from './machinesStore';
import { useProgress } from './progressStore';
import { useTasks } from './tasksStore';

/**
 * The core's events that keep the stores current, subscribed once for the page: changed records
 * (only those machines are probed again), progress, and the long actions of every window (listed
 * first, so a reloaded page sees what runs). Returns the unsubscribe.
 */
export function startCoreEvents(): () => void {
  const refresh = useMachines.getState().refresh;
  void refresh();
  const offs = [
    api.on('machines.changed', ({ names, all }) => void refresh(all ? undefined : names)),
    api.on('machine.progress', (e) => useProgress.getState().apply(e)),
    api.on('action.started', ({ action }) => {
      useTasks.getState().started(action);
      useProgress.getState().begun(action);
    }),
    api.on('action.progress', ({ id, event }) => useTasks.getState().progress(id, event)),
    api.on('action.ended', ({ action }) => {
      useTasks.getState().ended(action);
      useProgress.getState().ended(action);
    }),
  ];
  // A reloaded page's rows show what runs on them as busy until it ends.
  void useTasks
    .getState()
    .load()
    .then(() => Object.values(useTasks.getState().tasks).filter((a) => a.state === 'running').forEach((a) => useProgress.getState().begun(a)), () => undefined);
  return () => offs.forEach((off) => off());
}

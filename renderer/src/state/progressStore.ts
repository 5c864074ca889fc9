import { create } from 'zustand';
import { ACTION_LABEL, type ActionSummary, isTransfer, type MachineStatus, type ProgressEvent } from '../../../shared/types';
import { api, IpcError } from '../api/client';
import { useTasks } from './tasksStore';
import { applyProgressEvent, finishProgress, type Progress, startProgress } from '../../../shared/progress';

interface ProgressState {
  byMachine: Record<string, Progress>;
  apply(event: ProgressEvent): void;
  /** Runs a long action for a machine, collecting its streamed progress and its outcome. */
  run(machine: string, action: string, invoke: () => Promise<MachineStatus>): Promise<void>;
  cancel(machine: string): Promise<void>;
  /** Another window's (or a reloaded page's) action began or ended: the row shows it, named as it is. */
  begun(action: ActionSummary): void;
  ended(action: ActionSummary): void;
  forget(machine: string): void;
}

export const useProgress = create<ProgressState>((set) => ({
  byMachine: {},

  apply(event) {
    set((s) => {
      // Progress of an action this page did not start: named after the task that runs it, when known.
      const task = Object.values(useTasks.getState().tasks).find((t) => t.machine === event.machine && t.state === 'running');
      const current = s.byMachine[event.machine] ?? startProgress(task ? ACTION_LABEL[task.kind] : 'Provision');
      return { byMachine: { ...s.byMachine, [event.machine]: applyProgressEvent(current, event, Date.now()) } };
    });
  },

  async run(machine, action, invoke) {
    set((s) => ({ byMachine: { ...s.byMachine, [machine]: startProgress(action) } }));
    let outcome: Parameters<typeof finishProgress>[1];
    try {
      outcome = { result: await invoke() };
    } catch (err) {
      outcome = { error: { code: err instanceof IpcError ? err.code : 'INTERNAL', message: (err as Error).message } };
    }
    set((s) => {
      const current = s.byMachine[machine];
      return current ? { byMachine: { ...s.byMachine, [machine]: finishProgress(current, outcome) } } : {};
    });
  },

  begun(a) {
    // A file transfer does not hold its machine: its row stays as it is.
    if (isTransfer(a.kind)) return;
    set((s) => (s.byMachine[a.machine]?.phase === 'running' ? s : { byMachine: { ...s.byMachine, [a.machine]: startProgress(ACTION_LABEL[a.kind]) } }));
  },

  ended(a) {
    if (isTransfer(a.kind)) return;
    set((s) => {
      const current = s.byMachine[a.machine];
      if (current?.phase !== 'running') return s;
      const finished = a.state === 'succeeded' ? { ...current, phase: 'done' as const } : finishProgress(current, { error: { code: a.state === 'cancelled' ? 'CANCELLED' : 'FAILED', message: a.error ?? '' } });
      return { byMachine: { ...s.byMachine, [a.machine]: finished } };
    });
  },

  async cancel(machine) {
    await api.invoke('machine.cancel', { name: machine });
  },

  forget(machine) {
    set((s) => {
      const { [machine]: _, ...rest } = s.byMachine;
      return { byMachine: rest };
    });
  },
}));

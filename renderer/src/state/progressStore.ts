import { create } from 'zustand';
import type { MachineStatus, ProgressEvent } from '../../../shared/types';
import { api, IpcError } from '../api/client';
import { applyProgressEvent, finishProgress, type Progress, startProgress } from '../../../shared/progress';

interface ProgressState {
  byMachine: Record<string, Progress>;
  apply(event: ProgressEvent): void;
  /** Runs a long action for a machine, collecting its streamed progress and its outcome. */
  run(machine: string, action: string, invoke: () => Promise<MachineStatus>): Promise<void>;
  cancel(machine: string): Promise<void>;
  forget(machine: string): void;
}

export const useProgress = create<ProgressState>((set) => ({
  byMachine: {},

  apply(event) {
    set((s) => {
      const current = s.byMachine[event.machine] ?? startProgress('Provision');
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

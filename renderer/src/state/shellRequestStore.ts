import { create } from 'zustand';
import type { MachineMenuAction } from '../../../shared/types';

/**
 * An action the desktop shell (application menu, tray) asked for on a machine: the machine's page
 * takes it once it is open and runs it as its own button would (same confirmations, same progress).
 */
export interface ShellRequest {
  id: number;
  name: string;
  action: MachineMenuAction;
}

interface ShellRequestState {
  request: ShellRequest | null;
  ask(name: string, action: MachineMenuAction): void;
  /** The page took it: it is not run again when the page re-renders. */
  take(id: number): void;
}

let next = 1;

export const useShellRequest = create<ShellRequestState>((set) => ({
  request: null,
  ask(name, action) {
    set({ request: { id: next++, name, action } });
  },
  take(id) {
    set((s) => (s.request?.id === id ? { request: null } : s));
  },
}));

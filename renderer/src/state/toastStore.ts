import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
  /** A button on the toast ("Show" opens the task that ended). */
  action?: { label: string; run(): void };
}

interface ToastState {
  toasts: Toast[];
  /** Info toasts go after a few seconds; errors stay until dismissed (a failure must not slip by unread). */
  show(kind: Toast['kind'], text: string, action?: Toast['action']): void;
  dismiss(id: number): void;
}

let nextId = 1;
const LIFETIME_MS = 4000;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show(kind, text, action) {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { id, kind, text, ...(action ? { action } : {}) }] }));
    if (kind === 'info') setTimeout(() => get().dismiss(id), LIFETIME_MS);
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
}));

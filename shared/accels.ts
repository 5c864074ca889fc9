/** QEMU's accelerators Berth knows (a module of its own: the core reads it without loading zod). */
export const ACCELS = ['kvm', 'hvf', 'whpx', 'tcg'] as const;
export type Accel = (typeof ACCELS)[number];

/** scripts/icons.mjs, for the test that checks what it makes. */
export const APP_SIZES: number[];
export const TRAY_FILES: Record<string, [string, number]>;
export function generateIcons(outDir?: string): Promise<string[]>;

/**
 * The window's size, position and maximised state, remembered per display arrangement (a laptop on
 * its own and on a dock are two arrangements) and always put back where it can be seen: a saved
 * position on a screen that is gone, or larger than the screen now, is clamped into a visible one.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** Smaller and the machine list no longer fits (see the UI issue); Electron enforces it. */
export const MIN_WINDOW = { width: 1024, height: 640 } as const;
const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
/** How much of the title bar must be on a screen for the window to count as visible there. */
const GRAB = { width: 120, height: 40 } as const;

/** A display arrangement's key: its work areas, in order. */
export function displayKey(workAreas: Rect[]): string {
  return workAreas
    .map((r) => `${r.x},${r.y},${r.width}x${r.height}`)
    .sort()
    .join(';');
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), Math.max(lo, hi));

/** Centred on the primary work area at the default size (or the screen's, if smaller). */
function centred(area: Rect): Rect {
  const width = clamp(DEFAULT_SIZE.width, Math.min(MIN_WINDOW.width, area.width), area.width);
  const height = clamp(DEFAULT_SIZE.height, Math.min(MIN_WINDOW.height, area.height), area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

/**
 * Where the window opens: the saved state if its title bar is on a screen, its size clamped to that
 * screen and its position moved inside it; else centred on the primary screen. `workAreas[0]` is
 * the primary display's.
 */
export function restoreWindowState(saved: WindowState | null, workAreas: Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (!saved) return { bounds: centred(primary), maximized: false };
  const titleBar: Rect = { ...saved.bounds, height: GRAB.height };
  const home = workAreas.find((a) => {
    const o = overlap(titleBar, a);
    return o.width >= Math.min(GRAB.width, saved.bounds.width) && o.height >= Math.min(GRAB.height, saved.bounds.height);
  });
  if (!home) return { bounds: centred(primary), maximized: saved.maximized };
  const width = clamp(saved.bounds.width, Math.min(MIN_WINDOW.width, home.width), home.width);
  const height = clamp(saved.bounds.height, Math.min(MIN_WINDOW.height, home.height), home.height);
  return {
    bounds: { x: clamp(saved.bounds.x, home.x, home.x + home.width - width), y: clamp(saved.bounds.y, home.y, home.y + home.height - height), width, height },
    maximized: saved.maximized,
  };
}

/** The saved file: one state per display arrangement, checked field by field (a hand-edited file never breaks the start). */
export function parseWindowStates(text: string | null): Record<string, WindowState> {
  if (!text) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof data !== 'object' || data === null) return {};
  const out: Record<string, WindowState> = {};
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  for (const [key, value] of Object.entries(data)) {
    const v = value as Partial<WindowState> | null;
    const b = v?.bounds;
    if (b && num(b.x) && num(b.y) && num(b.width) && num(b.height) && b.width > 0 && b.height > 0) {
      out[key] = { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: v.maximized === true };
    }
  }
  return out;
}

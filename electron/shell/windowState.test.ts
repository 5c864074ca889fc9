import { describe, expect, it } from 'vitest';
import { launchRequest } from './launchArgs';
import { parseShellSettings } from './shellSettings';
import { displayKey, MIN_WINDOW, parseWindowStates, type Rect, restoreWindowState } from './windowState';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const external: Rect = { x: 1440, y: -200, width: 2560, height: 1415 };

describe('window state', () => {
  it.each<[string, Parameters<typeof restoreWindowState>[0], Rect[], Rect]>([
    ['nothing saved: centred on the primary screen', null, [laptop], { x: 80, y: 38, width: 1280, height: 800 }],
    ['a position on the screen: kept', { bounds: { x: 100, y: 50, width: 1200, height: 760 }, maximized: false }, [laptop], { x: 100, y: 50, width: 1200, height: 760 }],
    ['on an external screen that is gone: back on the laptop, centred', { bounds: { x: 2000, y: 100, width: 1600, height: 1000 }, maximized: false }, [laptop], { x: 80, y: 38, width: 1280, height: 800 }],
    ['on the external screen while it is there: kept', { bounds: { x: 2000, y: 100, width: 1600, height: 1000 }, maximized: false }, [laptop, external], { x: 2000, y: 100, width: 1600, height: 1000 }],
    ['larger than the screen: clamped to it', { bounds: { x: 10, y: 10, width: 3000, height: 2000 }, maximized: false }, [laptop], { x: 0, y: 0, width: 1440, height: 875 }],
    ['hanging off the right edge: moved in', { bounds: { x: 1300, y: 20, width: 1100, height: 700 }, maximized: false }, [laptop], { x: 340, y: 20, width: 1100, height: 700 }],
    ['title bar above the screen: not visible, centred', { bounds: { x: 100, y: -900, width: 1100, height: 700 }, maximized: false }, [laptop], { x: 80, y: 38, width: 1280, height: 800 }],
    ['smaller than the minimum: grown to it', { bounds: { x: 0, y: 0, width: 500, height: 300 }, maximized: false }, [laptop], { x: 0, y: 0, width: MIN_WINDOW.width, height: MIN_WINDOW.height }],
  ])('%s', (_what, saved, areas, bounds) => {
    expect(restoreWindowState(saved, areas).bounds).toEqual(bounds);
  });

  it('keeps maximised, and a screen smaller than the minimum gets the screen', () => {
    expect(restoreWindowState({ bounds: { x: 0, y: 0, width: 1200, height: 700 }, maximized: true }, [laptop]).maximized).toBe(true);
    expect(restoreWindowState(null, [{ x: 0, y: 0, width: 800, height: 600 }]).bounds).toEqual({ x: 0, y: 0, width: 800, height: 600 });
  });

  it('keys states by display arrangement, whatever order the screens are reported in', () => {
    expect(displayKey([laptop, external])).toBe(displayKey([external, laptop]));
    expect(displayKey([laptop])).not.toBe(displayKey([laptop, external]));
  });

  it('reads its file defensively: broken JSON or wrong fields are dropped, never thrown', () => {
    expect(parseWindowStates(null)).toEqual({});
    expect(parseWindowStates('{not json')).toEqual({});
    expect(parseWindowStates(JSON.stringify({ a: { bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: true }, b: { bounds: { x: 'x' } }, c: null }))).toEqual({
      a: { bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: true },
    });
  });
});

describe('launch arguments (a second launch hands them to the first)', () => {
  it.each<[string[], string | null]>([
    [['/opt/Berth/berth'], null],
    [['/opt/Berth/berth', '--machine', 'web-1'], 'web-1'],
    [['/opt/Berth/berth', '--no-sandbox', '--machine=db'], 'db'],
    [['/opt/Berth/berth', '--machine', '../etc'], null],
    [['/opt/Berth/berth', '--machine'], null],
  ])('%j → %s', (argv, machine) => {
    expect(launchRequest(argv)).toEqual({ machine });
  });
});

describe('shell settings file', () => {
  it.each<[string | null, NodeJS.Platform, object]>([
    [null, 'linux', { keepInTray: false, startAtLogin: null, theme: 'system' }],
    [null, 'darwin', { keepInTray: true, startAtLogin: false, theme: 'system' }],
    // The theme is the Settings page's: not read from this file (the shell shows the core's).
    ['{"keepInTray":true,"startAtLogin":true,"theme":"dark"}', 'win32', { keepInTray: true, startAtLogin: true, theme: 'system' }],
    ['{"keepInTray":"yes","startAtLogin":true,"theme":"purple"}', 'linux', { keepInTray: false, startAtLogin: null, theme: 'system' }],
    ['not json', 'win32', { keepInTray: false, startAtLogin: false, theme: 'system' }],
  ])('%s on %s', (text, platform, settings) => {
    expect(parseShellSettings(text, platform)).toEqual(settings);
  });
});

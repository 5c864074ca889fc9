import { describe, expect, it } from 'vitest';
import { readUiSettings, UI_DEFAULTS, uiSettingsChange } from './uiSettings';

describe('UI settings (berth-settings.json)', () => {
  it('defaults for a missing or non-object file', () => {
    for (const raw of [undefined, null, [], 'x', 42]) expect(readUiSettings(raw)).toEqual(UI_DEFAULTS);
    expect(UI_DEFAULTS).toEqual({ theme: 'system', terminalFontFamily: '', terminalFontSize: 13, copyOnSelect: false, findKey: 'find', envShell: 'bash', refreshSeconds: 10, notifications: true, keepDockerBases: true, baseMaxAgeDays: 30 });
  });

  it.each([
    [{ theme: 'dark' }, { theme: 'dark' }],
    [{ theme: 'purple' }, { theme: 'system' }],
    [{ terminalFontSize: 40 }, { terminalFontSize: 13 }],
    [{ terminalFontSize: '14' }, { terminalFontSize: 13 }],
    [{ envShell: 'fish', refreshSeconds: 30 }, { envShell: 'fish', refreshSeconds: 30 }],
    [{ notifications: 'no' }, { notifications: true }],
  ])('a damaged field falls back alone: %j', (raw, want) => {
    expect(readUiSettings({ chosenActive: 'x', theme: 'light', ...raw })).toEqual({ ...UI_DEFAULTS, theme: 'light', ...want });
  });

  it.each([
    [{ theme: 'dark' }, true],
    [{ terminalFontSize: 7 }, false],
    [{ terminalFontFamily: 'x; } body { display: none' }, false],
    [{ chosenActive: 'web' }, false],
    [{}, true],
  ])('a change %j is %s', (change, ok) => {
    expect(uiSettingsChange.safeParse(change).success).toBe(ok);
  });
});

import { useEffect, useState } from 'react';
import { ENV_SHELL_LABELS, ENV_SHELLS, type EnvShell, type QemuHostInfo } from '../../../shared/types';
import type { UiSettings } from '../../../shared/uiSettings';
import { api } from '../api/client';
import { useSettings } from '../state/settingsStore';
import { useToasts } from '../state/toastStore';
import { Field } from './Field';
import { CacheSection } from './CacheSection';
import { QemuFolder } from './QemuFolder';
import { WholeNumberInput } from './WholeNumberInput';

const STORE_FROM: Record<'env' | 'flag' | 'default', string> = {
  env: 'Chosen by MACHINE_STORAGE_PATH',
  flag: 'Chosen with -s / --storage-path',
  default: "docker-machine's default place",
};

/** A whole number within bounds, saved as soon as it is one (a half-typed value is left alone). */
function WholeNumber({ label, hint, min, max, value, onValue }: { label: string; hint?: string; min: number; max: number; value: number; onValue(n: number): void }) {
  return (
    <Field label={label} {...(hint ? { hint } : {})}>
      {(a) => <WholeNumberInput {...a} min={min} max={max} value={value} onValue={onValue} />}
    </Field>
  );
}

/**
 * Berth's preferences, saved in the store's berth-settings.json as soon as they change (every open
 * window follows): theme, terminal, the env dialog's shell, the list's refresh, notifications, QEMU's
 * folder; and where the store is, with how to use another.
 */
export function SettingsView({ hidden }: { hidden: boolean }) {
  const { ui, storePath, storeFrom, change } = useSettings();
  const show = useToasts((s) => s.show);
  const [qemu, setQemu] = useState<QemuHostInfo | null>(null);
  const [font, setFont] = useState<string | null>(null);
  useEffect(() => {
    if (hidden || qemu) return;
    let current = true;
    api.invoke('qemu.hostInfo', {}).then((i) => current && setQemu(i), () => undefined);
    return () => {
      current = false;
    };
  }, [hidden, qemu]);
  const save = (c: Partial<UiSettings>): void => void change(c).catch((err: Error) => show('error', `Not saved: ${err.message}`));

  return (
    <section className="settings" hidden={hidden} aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <fieldset>
        <legend>Theme</legend>
        {(['system', 'light', 'dark'] as const).map((t) => (
          <label key={t} className="check">
            <input type="radio" name="theme" checked={ui.theme === t} onChange={() => save({ theme: t })} /> {t === 'system' ? 'As the system' : t === 'light' ? 'Light' : 'Dark'}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Terminal</legend>
        <Field label="Font family" hint="A CSS font list; empty: the system's monospace font.">
          {(a) => (
            <input {...a} value={font ?? ui.terminalFontFamily} placeholder="ui-monospace, monospace" spellCheck={false} onChange={(e) => setFont(e.target.value)} onBlur={() => font !== null && (save({ terminalFontFamily: font }), setFont(null))} />
          )}
        </Field>
        <WholeNumber label="Font size" min={8} max={32} value={ui.terminalFontSize} onValue={(n) => save({ terminalFontSize: n })} />
        <label className="check">
          <input type="checkbox" checked={ui.copyOnSelect} onChange={(e) => save({ copyOnSelect: e.target.checked })} /> Copy text when it is selected
        </label>
        <Field label="Ctrl/Cmd+F in a terminal">
          {(a) => (
            <select {...a} value={ui.findKey} onChange={(e) => save({ findKey: e.target.value as UiSettings['findKey'] })}>
              <option value="find">opens Find</option>
              <option value="shell">goes to the shell</option>
            </select>
          )}
        </Field>
      </fieldset>
      <fieldset>
        <legend>Machines</legend>
        <Field label="Shell of the env dialog" hint="The dialog starts with it and remembers the last one chosen there.">
          {(a) => (
            <select {...a} value={ui.envShell} onChange={(e) => save({ envShell: e.target.value as EnvShell })}>
              {ENV_SHELLS.map((s) => (
                <option key={s} value={s}>
                  {ENV_SHELL_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <WholeNumber
          label="Refresh the list every (seconds)"
          hint="Unreachable machines are asked less often, up to once a minute."
          min={5}
          max={3600}
          value={ui.refreshSeconds}
          onValue={(n) => save({ refreshSeconds: n })}
        />
        <label className="check">
          <input type="checkbox" checked={ui.notifications} onChange={(e) => void useSettings.getState().setNotifications(e.target.checked)} /> Tell me when a task ends
        </label>
      </fieldset>
      <fieldset>
        <legend>Local VMs</legend>
        {qemu ? <QemuFolder info={qemu} onChange={setQemu} /> : <p className="muted">Looking for QEMU…</p>}
        <CacheSection hidden={hidden} ui={ui} save={save} />
      </fieldset>
      <fieldset>
        <legend>Machine store</legend>
        <p className="mono">{storePath}</p>
        <p className="muted">
          {STORE_FROM[storeFrom]}. Berth and docker-machine share it. To use another, start Berth with <code>MACHINE_STORAGE_PATH=/path</code> set (or
          <code> npm run web -- -s /path</code> in browser-host mode).
        </p>
      </fieldset>
    </section>
  );
}

import { useState } from 'react';
import type { EngineInstallChoice } from '../../../shared/types';
import { Dialog } from './Dialog';
import { Field } from './Field';

interface Props {
  machine: string;
  onUpgrade(engine: EngineInstallChoice | undefined): void;
  onClose(): void;
}

/** Upgrade Docker: to the newest of the machine's source, or to Docker CE on a channel and version. */
export function UpgradeDialog({ machine, onUpgrade, onClose }: Props) {
  const [kind, setKind] = useState<'same' | 'distro' | 'docker-ce'>('same');
  const [channel, setChannel] = useState<'stable' | 'test'>('stable');
  const [version, setVersion] = useState('');
  const valid = kind !== 'docker-ce' || /^[0-9A-Za-z.~:+-]{0,64}$/.test(version.trim());
  const choice = (): EngineInstallChoice | undefined =>
    kind === 'same' ? undefined : kind === 'distro' ? { kind } : { kind, channel, ...(version.trim() ? { version: version.trim() } : {}) };
  return (
    <Dialog title={`Upgrade Docker on ${machine}`} onClose={onClose}>
      <fieldset className="wizard-form">
        <legend>Upgrade to</legend>
        <label className="block">
          <input type="radio" name="upgrade" checked={kind === 'same'} onChange={() => setKind('same')} /> The newest from where it was installed
        </label>
        <label className="block">
          <input type="radio" name="upgrade" checked={kind === 'distro'} onChange={() => setKind('distro')} /> The newest distribution package
        </label>
        <label className="block">
          <input type="radio" name="upgrade" checked={kind === 'docker-ce'} onChange={() => setKind('docker-ce')} /> Docker CE from Docker&apos;s repository
        </label>
      </fieldset>
      {kind === 'docker-ce' && (
        <div className="field-row">
          <Field label="Channel">
            {(a) => (
              <select {...a} value={channel} onChange={(e) => setChannel(e.target.value as 'stable' | 'test')}>
                <option value="stable">stable</option>
                <option value="test">test</option>
              </select>
            )}
          </Field>
          <Field label="Version" hint="empty for the newest of the channel" problem={valid ? undefined : 'Letters, digits and . ~ : + - only'}>
            {(a) => <input {...a} value={version} placeholder="latest" onChange={(e) => setVersion(e.target.value)} />}
          </Field>
        </div>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!valid} onClick={() => onUpgrade(choice())}>
          Upgrade
        </button>
      </div>
    </Dialog>
  );
}

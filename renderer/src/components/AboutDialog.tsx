import { useEffect, useState } from 'react';
import type { AboutInfo } from '../../../shared/types';
import { api } from '../api/client';
import { Dialog } from './Dialog';

export function AboutDialog({ onClose }: { onClose(): void }) {
  const [info, setInfo] = useState<AboutInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.invoke('app.about', {}).then(setInfo, (err: unknown) => setError((err as Error).message));
  }, []);

  return (
    <Dialog title="About Berth" onClose={onClose} onEnter={onClose}>
      {error !== null && <p role="alert">{error}</p>}
      {info && (
        <dl className="about">
          <dt>Berth version</dt>
          <dd>{info.appVersion}</dd>
          <dt>Docker client</dt>
          <dd>{info.dockerClientVersion ?? 'not found on PATH'}</dd>
          <dt>Machine store</dt>
          <dd className="mono">{info.storePath}</dd>
          <dt>Log file</dt>
          <dd className="mono">{info.logFile}</dd>
          <dt>Platform</dt>
          <dd>
            {info.platform}, Node {info.nodeVersion}
          </dd>
        </dl>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

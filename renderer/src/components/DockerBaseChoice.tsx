import type { QemuCreateRequest } from '../../../shared/types';
import { api } from '../api/client';
import { useOneShot } from '../state/useOneShot';

/**
 * The review page's Docker line for a VM: which Docker-ready base it will start on (no install), with
 * the choice to install from scratch instead; nothing to choose when no base fits.
 */
export function DockerBaseChoice({ request, fresh, onFresh }: { request: QemuCreateRequest; fresh: boolean; onFresh(fresh: boolean): void }) {
  const asked = { ...request, fresh: false };
  const { value } = useOneShot(JSON.stringify(asked), () => api.invoke('qemu.basePreview', { request: asked }));
  const base = value?.base;
  if (!base) return <dd className="muted">{value ? 'Installed during the create (no Docker-ready base for this image yet)' : 'Looking for a Docker-ready base…'}</dd>;
  return (
    <dd>
      {fresh ? 'Installed from scratch' : `From the Docker-ready base made from ${base.madeFrom} on ${base.createdAt.slice(0, 10)} (Docker ${base.dockerVersion}): no install`}
      <label className="check">
        <input type="checkbox" checked={fresh} onChange={(e) => onFresh(e.target.checked)} /> Install Docker from scratch instead
      </label>
    </dd>
  );
}

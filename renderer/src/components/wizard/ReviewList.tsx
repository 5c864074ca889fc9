import { cloudImage } from '../../../../shared/cloudImages';
import { vmResourcesText } from '../../../../shared/vmResources';
import type { QemuHostInfo, VirtualboxHostInfo } from '../../../../shared/types';
import { type CreateForm, isVm, toQemuRequest } from '../../wizard/createForm';
import { DockerBaseChoice } from '../DockerBaseChoice';
import { plainAccelWarning } from './AccelLine';
import { ENGINE_CHOICES } from './EngineFields';

/** The wizard's review: what will be made, and for a VM which Docker-ready base it starts on. */
export function ReviewList({ form, qemuInfo, vboxInfo, onFresh }: { form: CreateForm; qemuInfo: QemuHostInfo | null; vboxInfo: VirtualboxHostInfo | null; onFresh(fresh: boolean): void }) {
  const vm = isVm(form);
  const machine = form.name.trim();
  return (
    <dl className="about">
      <dt>Name</dt>
      <dd>{machine}</dd>
      <dt>Driver</dt>
      <dd>{form.driver}</dd>
      {vm ? (
        <>
          <dt>Image</dt>
          <dd className="mono">
            {form.imageKind === 'file' ? form.image.trim() : `${form.imageKind === 'url' ? form.image.trim() : (cloudImage(form.imageKind)?.label ?? form.imageKind)} (downloaded into the store's cache)`}
          </dd>
          <dt>Resources</dt>
          <dd>
            {vmResourcesText(form)}
          </dd>
          {form.driver === 'qemu' ? (
            <>
              <dt>Accelerator</dt>
              <dd>{qemuInfo?.accel ? `${qemuInfo.accel.accel.toUpperCase()}${qemuInfo.accel.warning ? ` — ${plainAccelWarning(qemuInfo.accel.warning, qemuInfo.accel.reason)}` : ''}` : '…'}</dd>
            </>
          ) : (
            <>
              <dt>Hypervisor</dt>
              <dd>{vboxInfo?.version ? `VirtualBox ${vboxInfo.version}` : '…'}</dd>
              <dt>Network</dt>
              <dd>NAT with loopback forwards for SSH and Docker{form.hostOnlyInterface ? `, and host-only ${form.hostOnlyInterface}` : ''}</dd>
            </>
          )}
        </>
      ) : (
        <>
          <dt>SSH</dt>
          <dd className="mono">
            {form.user.trim()}@{form.host.trim()}:{form.port.trim()}
          </dd>
          <dt>Sign in with</dt>
          <dd>{form.authKind === 'key' ? form.keyPath : form.authKind === 'password' ? 'password' : 'ssh-agent'}</dd>
        </>
      )}
      <dt>Docker Engine</dt>
      <dd>
        {ENGINE_CHOICES.find((c) => c.kind === form.engineKind)!.label}
        {form.engineKind === 'docker-ce' ? ` (${form.channel}${form.version.trim() ? `, ${form.version.trim()}` : ''})` : ''}
      </dd>
      {form.driver === 'qemu' && (
        <>
          <dt>Docker install</dt>
          <DockerBaseChoice request={toQemuRequest(form)} fresh={form.fresh} onFresh={onFresh} />
        </>
      )}
      {!vm && (
        <>
          <dt>Docker URL</dt>
          <dd className="mono">
            tcp://{form.host.trim()}:{form.enginePort.trim()}
          </dd>
        </>
      )}
    </dl>
  );
}

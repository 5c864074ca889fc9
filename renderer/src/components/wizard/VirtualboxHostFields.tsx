import type { Dispatch, RefObject, SetStateAction } from 'react';
import type { VirtualboxHostInfo } from '../../../../shared/types';
import type { CreateForm } from '../../wizard/createForm';
import { Field } from '../Field';
import { type FieldKit, fieldHelpers } from './fieldKit';
import { VmDiskFields } from './VmDiskFields';

interface Props {
  kit: FieldKit;
  setForm: Dispatch<SetStateAction<CreateForm>>;
  info: VirtualboxHostInfo | null;
  /** null: ask VirtualBox again (after installing it). */
  setInfo(info: VirtualboxHostInfo | null): void;
  moved: RefObject<Set<string>>;
  imageDrafts: RefObject<Record<string, string>>;
}

/** The wizard's first page for a VirtualBox VM: VirtualBox found (or how to get it), name, image, sizes, an optional host-only network. */
export function VirtualboxHostFields({ kit, setForm, info, setInfo, moved, imageDrafts }: Props) {
  const { form, set, problemOf } = kit;
  const { text } = fieldHelpers(kit);
  return (
    <>
      {!info && (
        <p className="muted" aria-busy="true">
          Looking for VirtualBox…
        </p>
      )}
      {info?.missing && (
        <div role="alert" className="error-text banner-actions">
          <span>{info.missing}</span>
          <button type="button" onClick={() => setInfo(null)}>
            Check again
          </button>
        </div>
      )}
      {info?.version && <p className="muted">VirtualBox {info.version}</p>}
      {text('name', 'Machine name', { hint: 'Letters, digits, "-" and "."; also the VM\'s name in VirtualBox and its host name.' })}
      <VmDiskFields
        kit={kit}
        setForm={setForm}
        limits={info}
        diskNote="The image is copied into the machine's own VDI disk; downloads are kept in the store's cache."
        moved={moved}
        imageDrafts={imageDrafts}
      />
      <Field
        label="Host-only network (optional)"
        hint="SSH and Docker reach the VM on loopback forwards; a host-only card also gives it an address other VMs and this computer can reach."
        problem={problemOf('hostOnlyInterface')}
      >
        {(a) => (
          <select {...a} value={form.hostOnlyInterface} onChange={(e) => set('hostOnlyInterface', e.target.value)}>
            <option value="">None</option>
            {(info?.hostOnlyInterfaces ?? []).map((i) => (
              <option key={i.name} value={i.name}>
                {i.name}
                {i.ip ? ` (${i.ip})` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

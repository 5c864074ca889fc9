import type { Dispatch, RefObject, SetStateAction } from 'react';
import type { QemuHostInfo } from '../../../../shared/types';
import type { CreateForm } from '../../wizard/createForm';
import { QemuFolder } from '../QemuFolder';
import { AccelLine } from './AccelLine';
import { VmDiskFields } from './VmDiskFields';
import { type FieldKit, fieldHelpers } from './fieldKit';

interface Props {
  kit: FieldKit;
  setForm: Dispatch<SetStateAction<CreateForm>>;
  qemuInfo: QemuHostInfo | null;
  setQemuInfo(info: QemuHostInfo | null): void;
  /** Sliders the user moved (host defaults arriving later leave them alone). */
  moved: RefObject<Set<string>>;
  /** What was typed under each image choice, so switching never carries one into the other. */
  imageDrafts: RefObject<Record<string, string>>;
}

/** The wizard's first page for a local VM: QEMU found (or how to get it), name, image, sizes, direct kernel boot. */
export function VmHostFields({ kit, setForm, qemuInfo, setQemuInfo, moved, imageDrafts }: Props) {
  const { text } = fieldHelpers(kit);
  return (
    <>
      {!qemuInfo && (
        <p className="muted" aria-busy="true">
          Looking at this computer (QEMU, accelerator, CPUs and memory)…
        </p>
      )}
      {qemuInfo?.missing && (
        <div role="alert" className="error-text banner-actions">
          <span>{qemuInfo.missing}</span>
          <button type="button" onClick={() => setQemuInfo(null)}>
            Check again
          </button>
        </div>
      )}
      {qemuInfo && <QemuFolder info={qemuInfo} onChange={setQemuInfo} />}
      {qemuInfo?.accel && <AccelLine accel={qemuInfo.accel.accel} warning={qemuInfo.accel.warning} reason={qemuInfo.accel.reason} />}
      {text('name', 'Machine name', { hint: 'Letters, digits, "-" and "."; also the VM\'s host name.' })}
      <VmDiskFields
        kit={kit}
        setForm={setForm}
        limits={qemuInfo}
        diskNote="Each machine gets its own copy-on-write disk on the image; downloads are kept in the store's cache."
        moved={moved}
        imageDrafts={imageDrafts}
      />
      <details>
        <summary>Boot a kernel directly (images without a bootloader)</summary>
        {text('kernel', 'Kernel')}
        {text('initrd', 'Initrd')}
        {text('append', 'Kernel command line', { placeholder: 'root=/dev/vda rw console=ttyS0' })}
      </details>
    </>
  );
}

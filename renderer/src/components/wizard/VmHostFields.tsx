import type { Dispatch, RefObject, SetStateAction } from 'react';
import { CLOUD_IMAGES } from '../../../../shared/cloudImages';
import type { QemuHostInfo } from '../../../../shared/types';
import type { CreateForm } from '../../wizard/createForm';
import { Field } from '../Field';
import { QemuFolder } from '../QemuFolder';
import { AccelLine } from './AccelLine';
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
  const { form, set, problemOf } = kit;
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
      <fieldset className="choices-column">
        <legend>Image</legend>
        {[...CLOUD_IMAGES.map((i) => [i.id, `${i.label}: download once, verified`] as const), ['url', 'Image URL'] as const, ['file', 'Local image file'] as const].map(([kind, label]) => (
          <label key={kind} className="inline">
            <input
              type="radio"
              name="imageKind"
              checked={form.imageKind === kind}
              onChange={() =>
                // A URL and a local path are kept apart: each choice keeps what was typed under it.
                setForm((f) => {
                  imageDrafts.current[f.imageKind] = f.image;
                  return { ...f, imageKind: kind, image: imageDrafts.current[kind] ?? '' };
                })
              }
            />{' '}
            {label}
          </label>
        ))}
        <p className="muted">Each machine gets its own copy-on-write disk on the image; downloads are kept in the store's cache.</p>
      </fieldset>
      {form.imageKind === 'url' && (
                <>
          {text('image', 'Image URL', { placeholder: 'https://cloud.example.org/images/disk.qcow2', hint: 'Verified against the SHA512SUMS or SHA256SUMS beside it, or the checksum below.' })}
          {text('imageChecksum', 'Checksum (if the server publishes none)', { placeholder: 'sha256:…' })}
                </>
      )}
      {form.imageKind === 'file' &&
        text('image', 'VM image', { placeholder: '/path/to/debian-12-genericcloud-amd64.qcow2', hint: 'A qcow2 cloud image (or any image with cloud-init), for offline use.' })}
      {(
        [
          ['cpus', 'CPUs', 1, qemuInfo?.cpus ?? 8, 1, ''],
          ['memoryMb', 'Memory', 512, qemuInfo?.memoryMb ?? 8192, 256, ' MB'],
          ['diskSizeMb', 'Disk', 4096, Math.max(4096, qemuInfo?.freeDiskMb ?? 65_536), 1024, ' MB'],
        ] as const
      ).map(([field, label, min, max, stepSize, unit]) => (
        <Field key={field} label={`${label}: ${form[field]}${unit}`} problem={problemOf(field)}>
          {(a) => <input {...a} type="range" min={min} max={max} step={stepSize} value={form[field]} onChange={(e) => (moved.current.add(field), set(field, Number(e.target.value)))} />}
        </Field>
      ))}
      <details>
        <summary>Boot a kernel directly (images without a bootloader)</summary>
        {text('kernel', 'Kernel')}
        {text('initrd', 'Initrd')}
        {text('append', 'Kernel command line', { placeholder: 'root=/dev/vda rw console=ttyS0' })}
      </details>
            </>
  );
}

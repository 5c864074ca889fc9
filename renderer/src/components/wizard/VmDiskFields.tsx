import type { Dispatch, RefObject, SetStateAction } from 'react';
import { CLOUD_IMAGES } from '../../../../shared/cloudImages';
import type { HostResources } from '../../../../shared/types';
import type { CreateForm } from '../../wizard/createForm';
import { Field } from '../Field';
import { type FieldKit, fieldHelpers } from './fieldKit';

interface Props {
  kit: FieldKit;
  setForm: Dispatch<SetStateAction<CreateForm>>;
  /** This computer's CPUs, memory and free disk (the sliders' ends), once known. */
  limits: HostResources | null;
  /** How the VM's disk is made from the image (said under the choice). */
  diskNote: string;
  /** Sliders the user moved (host defaults arriving later leave them alone). */
  moved: RefObject<Set<string>>;
  /** What was typed under each image choice, so switching never carries one into the other. */
  imageDrafts: RefObject<Record<string, string>>;
}

/** A local VM's image (catalog, URL or file) and sizes: the part of the first page every VM driver shares. */
export function VmDiskFields({ kit, setForm, limits, diskNote, moved, imageDrafts }: Props) {
  const { form, set, problemOf } = kit;
  const { text } = fieldHelpers(kit);
  return (
    <>
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
        <p className="muted">{diskNote}</p>
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
          ['cpus', 'CPUs', 1, limits?.cpus ?? 8, 1, ''],
          ['memoryMb', 'Memory', 512, limits?.memoryMb ?? 8192, 256, ' MB'],
          ['diskSizeMb', 'Disk', 4096, Math.max(4096, limits?.freeDiskMb ?? 65_536), 1024, ' MB'],
        ] as const
      ).map(([field, label, min, max, stepSize, unit]) => (
        <Field key={field} label={`${label}: ${form[field]}${unit}`} problem={problemOf(field)}>
          {(a) => <input {...a} type="range" min={min} max={max} step={stepSize} value={form[field]} onChange={(e) => (moved.current.add(field), set(field, Number(e.target.value)))} />}
        </Field>
      ))}
    </>
  );
}

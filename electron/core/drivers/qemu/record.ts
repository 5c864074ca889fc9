import type { MachineFact } from '../../../../shared/types';
import { vmResourcesText } from '../../../../shared/vmResources';
import type { MachineRecord } from '../../store/machineStore';
import { fieldCodec, type FieldsOf } from '../fieldCodec';
import type { Accel, QemuArch } from './qemuCommand';

/** The qemu driver's fields in its record (after docker-machine's BaseDriver fields), with what a missing one reads as. */
const SPEC = {
  enginePort: ['EnginePort', 'number', 2376],
  accel: ['Accel', 'string', 'tcg'],
  accelWarning: ['AccelWarning', 'string', ''],
  arch: ['Arch', 'string', 'x86_64'],
  cpus: ['CPU', 'number', 2],
  memoryMb: ['Memory', 'number', 2048],
  diskSizeMb: ['DiskSize', 'number', 20_000],
  /** The file the overlay is made on; a download fills it in once verified. */
  image: ['Image', 'string', ''],
  imageSource: ['ImageSource', 'string', ''],
  imageChecksum: ['ImageChecksum', 'string', ''],
  /** The image's sha256, remembered when the disk was made (a base kept later names it). */
  imageId: ['ImageId', 'string', ''],
  firmware: ['Firmware', 'string', ''],
  kernel: ['Kernel', 'string', ''],
  initrd: ['Initrd', 'string', ''],
  append: ['Append', 'string', ''],
  /** The Docker-ready base the disk is made on ('' none; chosen with the disk) and whether none was wanted. */
  dockerBase: ['DockerBase', 'string', ''],
  freshEngine: ['FreshEngine', 'boolean', false],
  /** Until the first provisioning succeeded: then a VM that installed Docker itself keeps its disk as a base. */
  keepBase: ['KeepBase', 'boolean', false],
} as const;

export const qemuRecord = fieldCodec(SPEC);

/** A QEMU VM's SSH (and Docker) are loopback forwards on this computer. */
export const QEMU_SSH_HOST = '127.0.0.1';
export type QemuFields = FieldsOf<typeof SPEC> & { accel: Accel; arch: QemuArch };

export function qemuFields(record: MachineRecord): QemuFields {
  const f = qemuRecord.read(record);
  return { ...f, accel: f.accel as Accel, arch: f.arch === 'aarch64' ? 'aarch64' : 'x86_64' };
}

/** What a VM's page shows of its record. */
export function describeQemu(record: MachineRecord): MachineFact[] {
  const f = qemuFields(record);
  const image = f.imageSource || f.image;
  return [
    { label: 'Accelerator', value: `${f.accel.toUpperCase()}${f.accelWarning ? ` — ${f.accelWarning}` : ''}`, ...(f.accelWarning ? { tone: 'warn' as const } : {}) },
    { label: 'Resources', value: vmResourcesText(f) },
    { label: 'Image', value: `${image}${f.image && f.image !== image ? ` (cached as ${f.image})` : ''}${!f.image ? ' (not downloaded yet)' : ''}`, mono: true },
  ];
}

import type { MachineFact } from '../../../../shared/types';
import { vmResourcesText } from '../../../../shared/vmResources';
import type { MachineRecord } from '../../store/machineStore';
import { fieldCodec, type FieldsOf } from '../fieldCodec';

export const VIRTUALBOX_DRIVER = 'virtualbox';

/** SSH is a NAT forward on this computer's loopback, for docker-machine's VMs and Berth's alike (docker-machine's GetSSHHostname). */
export const VIRTUALBOX_SSH_HOST = '127.0.0.1';

/**
 * The virtualbox driver's fields after docker-machine's BaseDriver fields: first those docker-machine
 * 0.16.2 writes (in its order, with its defaults), then Berth's own for VMs it makes from a cloud
 * image. A docker-machine machine has none of Berth's and is a boot2docker VM: SSH on a loopback
 * forward, Docker on its host-only address.
 */
const SPEC = {
  cpus: ['CPU', 'number', 1],
  memoryMb: ['Memory', 'number', 1024],
  diskSizeMb: ['DiskSize', 'number', 20_000],
  natNicType: ['NatNicType', 'string', '82540EM'],
  boot2DockerUrl: ['Boot2DockerURL', 'string', ''],
  boot2DockerImportVm: ['Boot2DockerImportVM', 'string', ''],
  hostDnsResolver: ['HostDNSResolver', 'boolean', false],
  hostOnlyCidr: ['HostOnlyCIDR', 'string', '192.168.99.1/24'],
  hostOnlyNicType: ['HostOnlyNicType', 'string', '82540EM'],
  hostOnlyPromiscMode: ['HostOnlyPromiscMode', 'string', 'deny'],
  uiType: ['UIType', 'string', 'headless'],
  hostOnlyNoDhcp: ['HostOnlyNoDHCP', 'boolean', false],
  noShare: ['NoShare', 'boolean', false],
  dnsProxy: ['DNSProxy', 'boolean', true],
  noVtxCheck: ['NoVTXCheck', 'boolean', false],
  shareFolder: ['ShareFolder', 'string', ''],
  // Berth's own (a VM it made from a cloud image); 0 / '' on docker-machine's boot2docker VMs.
  /** Docker's TLS port, forwarded from 127.0.0.1 like SSH. */
  enginePort: ['EnginePort', 'number', 0],
  image: ['Image', 'string', ''],
  imageSource: ['ImageSource', 'string', ''],
  imageChecksum: ['ImageChecksum', 'string', ''],
  /** The host-only interface of a second network card ('' none). */
  hostOnlyInterface: ['HostOnlyInterface', 'string', ''],
} as const;

export const virtualboxRecord = fieldCodec(SPEC);
export type VirtualboxFields = FieldsOf<typeof SPEC>;

/** A new VM's `Driver` object: BaseDriver's fields, docker-machine's two driver handles (empty, as it writes them), then the fields above. */
export function newVirtualboxDriverFields(base: Record<string, unknown>, values: Partial<VirtualboxFields> & Pick<VirtualboxFields, 'cpus' | 'memoryMb' | 'diskSizeMb' | 'enginePort' | 'imageSource'>): Record<string, unknown> {
  return { ...base, VBoxManager: {}, HostInterfaces: {}, ...virtualboxRecord.fresh({ ...virtualboxRecord.defaults(), ...values }) };
}

export function virtualboxFields(record: MachineRecord): VirtualboxFields {
  return virtualboxRecord.read(record);
}

/** A VM Berth made (cloud image, Docker on a loopback forward) rather than docker-machine's boot2docker VM. */
export function berthMade(record: MachineRecord): boolean {
  return virtualboxFields(record).imageSource !== '';
}

/** docker-machine names the VirtualBox VM after the machine (MachineName, which is its directory's name). */
export function vmName(record: MachineRecord): string {
  const v = record.config.Driver.MachineName;
  return typeof v === 'string' && v ? v : record.name;
}

export function describeVirtualbox(record: MachineRecord): MachineFact[] {
  const f = virtualboxFields(record);
  const facts: MachineFact[] = [
    { label: 'VirtualBox VM', value: vmName(record), mono: true },
    { label: 'Resources', value: vmResourcesText(f) },
  ];
  if (berthMade(record)) {
    facts.push({ label: 'Image', value: `${f.imageSource}${f.image && f.image !== f.imageSource ? ` (cached as ${f.image})` : ''}${!f.image ? ' (not downloaded yet)' : ''}`, mono: true });
    if (f.hostOnlyInterface) facts.push({ label: 'Host-only network', value: f.hostOnlyInterface, mono: true });
  } else {
    facts.push({ label: 'Made by', value: `docker-machine (boot2docker${f.boot2DockerUrl ? ` from ${f.boot2DockerUrl}` : ''}); host-only network ${f.hostOnlyCidr}` });
  }
  return facts;
}

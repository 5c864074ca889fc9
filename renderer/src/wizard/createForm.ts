import { CLOUD_IMAGES, type CloudImageId, isImageUrl } from '../../../shared/cloudImages';
import { requestSchemas } from '../../../shared/ipc';
import { machineNameProblem } from '../../../shared/machineName';
import type { GenericCreateRequest, QemuCreateRequest, SshConfigHost, VirtualboxCreateRequest } from '../../../shared/types';

/** The create wizard's fields as typed: strings until they become a request. */
export interface CreateForm {
  driver: 'generic' | 'qemu' | 'virtualbox';
  name: string;
  host: string;
  port: string;
  user: string;
  authKind: 'key' | 'password' | 'agent';
  keyPath: string;
  passphrase: string;
  password: string;
  sudoPassword: string;
  engineKind: 'distro' | 'docker-ce' | 'keep' | 'adopt';
  /** adopt: the client certificate the running daemon trusts (all three, or none for the store's). */
  tlsCa: string;
  tlsCert: string;
  tlsKey: string;
  channel: 'stable' | 'test';
  version: string;
  enginePort: string;
  /** One entry a line, as docker-machine's repeated flags. */
  labels: string;
  insecureRegistries: string;
  registryMirrors: string;
  storageDriver: string;
  env: string;
  flags: string;
  extraSans: string;
  setHostname: boolean;
  /** qemu: a cloud image to download (verified) or a local qcow2 file with cloud-init, and optionally a kernel to boot directly. */
  imageKind: CloudImageId | 'url' | 'file';
  /** The local file, or the URL. */
  image: string;
  /** For a URL whose server publishes no SHA256SUMS/SHA512SUMS: sha256:HEX or sha512:HEX. */
  imageChecksum: string;
  kernel: string;
  initrd: string;
  append: string;
  cpus: number;
  memoryMb: number;
  diskSizeMb: number;
  /** qemu: install Docker from scratch even when a Docker-ready base would do. */
  fresh: boolean;
  /** virtualbox: an existing host-only interface for a second card ('' none). */
  hostOnlyInterface: string;
}

/** A local VM (QEMU or VirtualBox) rather than an existing server. */
export const isVm = (form: Pick<CreateForm, 'driver'>): boolean => form.driver !== 'generic';

export type Field = keyof CreateForm;
export type FormProblems = Partial<Record<Field, string>>;

export const HOST_FIELDS: Field[] = ['name', 'host', 'port', 'user', 'keyPath', 'passphrase', 'password', 'sudoPassword'];
export const VM_FIELDS: Field[] = ['name', 'image', 'imageChecksum', 'kernel', 'initrd', 'append', 'cpus', 'memoryMb', 'diskSizeMb', 'hostOnlyInterface'];
export const ENGINE_FIELDS: Field[] = ['version', 'tlsCa', 'tlsCert', 'tlsKey', 'enginePort', 'labels', 'insecureRegistries', 'registryMirrors', 'storageDriver', 'env', 'flags', 'extraSans'];

export function emptyForm(defaultKey: string | null, agent: boolean): CreateForm {
  return {
    driver: 'generic',
    name: '',
    host: '',
    port: '22',
    user: 'root',
    authKind: defaultKey ? 'key' : agent ? 'agent' : 'password',
    keyPath: defaultKey ?? '',
    passphrase: '',
    password: '',
    sudoPassword: '',
    engineKind: 'distro',
    tlsCa: '',
    tlsCert: '',
    tlsKey: '',
    channel: 'stable',
    version: '',
    enginePort: '2376',
    labels: '',
    insecureRegistries: '',
    registryMirrors: '',
    storageDriver: '',
    env: '',
    flags: '',
    extraSans: '',
    setHostname: true,
    imageKind: CLOUD_IMAGES[0].id,
    image: '',
    imageChecksum: '',
    kernel: '',
    initrd: '',
    append: '',
    cpus: 2,
    memoryMb: 2048,
    diskSizeMb: 20_480,
    fresh: false,
    hostOnlyInterface: '',
  };
}

/** Fills the SSH fields from a ~/.ssh/config host; what the config leaves out stays as it was. */
export function fromSshConfig(form: CreateForm, h: SshConfigHost): CreateForm {
  return {
    ...form,
    host: h.hostName,
    port: h.port ? String(h.port) : form.port,
    user: h.user ?? form.user,
    ...(h.identityFile ? { authKind: 'key' as const, keyPath: h.identityFile } : {}),
    name: form.name || h.alias.replace(/[^a-zA-Z0-9.-]/g, '-').replace(/^[^a-zA-Z0-9]+/, ''),
  };
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const portNumber = (text: string): number => (/^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : NaN);

const engineOptionsOf = (form: CreateForm): GenericCreateRequest['engineOptions'] => ({
  labels: lines(form.labels),
  insecureRegistries: lines(form.insecureRegistries),
  registryMirrors: lines(form.registryMirrors),
  storageDriver: form.storageDriver.trim(),
  env: lines(form.env),
  flags: lines(form.flags),
});

const engineOf = (form: CreateForm): GenericCreateRequest['engine'] =>
  form.engineKind === 'docker-ce'
    ? { kind: 'docker-ce', channel: form.channel, ...(form.version.trim() ? { version: form.version.trim() } : {}) }
    : { kind: form.engineKind };

export function toQemuRequest(form: CreateForm): QemuCreateRequest {
  return {
    name: form.name.trim(),
    image: form.imageKind === 'file' || form.imageKind === 'url' ? form.image.trim() : form.imageKind,
    ...(form.imageKind === 'url' && form.imageChecksum.trim() ? { imageChecksum: form.imageChecksum.trim() } : {}),
    ...(form.kernel.trim() ? { kernel: form.kernel.trim() } : {}),
    ...(form.initrd.trim() ? { initrd: form.initrd.trim() } : {}),
    ...(form.append.trim() ? { append: form.append.trim() } : {}),
    cpus: form.cpus,
    memoryMb: form.memoryMb,
    diskSizeMb: form.diskSizeMb,
    engine: engineOf(form),
    ...(form.fresh ? { fresh: true } : {}),
    engineOptions: engineOptionsOf(form),
  };
}

export function toVirtualboxRequest(form: CreateForm): VirtualboxCreateRequest {
  const q = toQemuRequest(form);
  return {
    name: q.name,
    image: q.image,
    ...(q.imageChecksum ? { imageChecksum: q.imageChecksum } : {}),
    cpus: q.cpus,
    memoryMb: q.memoryMb,
    diskSizeMb: q.diskSizeMb,
    ...(form.hostOnlyInterface ? { hostOnlyInterface: form.hostOnlyInterface } : {}),
    engine: q.engine,
    engineOptions: q.engineOptions,
  };
}

export function toCreateRequest(form: CreateForm, acceptHostKey?: string): GenericCreateRequest {
  const auth: GenericCreateRequest['auth'] =
    form.authKind === 'key'
      ? { kind: 'key', keyPath: form.keyPath.trim(), ...(form.passphrase ? { passphrase: form.passphrase } : {}) }
      : form.authKind === 'password'
        ? { kind: 'password', password: form.password }
        : { kind: 'agent' };
  return {
    name: form.name.trim(),
    host: form.host.trim(),
    port: portNumber(form.port),
    user: form.user.trim(),
    auth,
    ...(form.sudoPassword && form.user.trim() !== 'root' ? { sudoPassword: form.sudoPassword } : {}),
    enginePort: portNumber(form.enginePort),
    engine: engineOf(form),
    engineOptions: engineOptionsOf(form),
    extraSans: lines(form.extraSans),
    setHostname: form.setHostname,
    ...(acceptHostKey ? { acceptHostKey } : {}),
    ...(form.engineKind === 'adopt' && [form.tlsCa, form.tlsCert, form.tlsKey].some((f) => f.trim())
      ? { tls: { caPath: form.tlsCa.trim(), certPath: form.tlsCert.trim(), keyPath: form.tlsKey.trim() } }
      : {}),
  };
}

/** Where in the form a path of the request lands. */
function fieldOf(path: PropertyKey[]): Field | null {
  const [top, sub] = path;
  if (top === 'auth') return sub === 'keyPath' ? 'keyPath' : sub === 'passphrase' ? 'passphrase' : sub === 'password' ? 'password' : null;
  if (top === 'engine') return sub === 'version' ? 'version' : null;
  if (top === 'tls') return sub === 'caPath' ? 'tlsCa' : sub === 'certPath' ? 'tlsCert' : sub === 'keyPath' ? 'tlsKey' : null;
  if (top === 'engineOptions') {
    const map: Record<string, Field> = {
      labels: 'labels',
      insecureRegistries: 'insecureRegistries',
      registryMirrors: 'registryMirrors',
      storageDriver: 'storageDriver',
      env: 'env',
      flags: 'flags',
    };
    return map[String(sub)] ?? null;
  }
  const direct: Record<string, Field> = {
    name: 'name', host: 'host', port: 'port', user: 'user', sudoPassword: 'sudoPassword', enginePort: 'enginePort', extraSans: 'extraSans',
    image: 'image', imageChecksum: 'imageChecksum', kernel: 'kernel', initrd: 'initrd', append: 'append', cpus: 'cpus', memoryMb: 'memoryMb', diskSizeMb: 'diskSizeMb',
    hostOnlyInterface: 'hostOnlyInterface',
  };
  return direct[String(top)] ?? null;
}

const KEY_VALUE = /^[^=\s]+=.*$/;

/**
 * Every problem of the form, per field. The request is checked with the same schema the core
 * validates with, so the wizard never lets through what the core would refuse.
 */
export function formProblems(form: CreateForm, existingNames: string[]): FormProblems {
  const problems: FormProblems = {};
  const add = (field: Field, message: string): void => {
    problems[field] ??= message;
  };
  // What the core's own schema refuses, on the field it came from.
  const addSchemaIssues = (parsed: { success: true } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }): void => {
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path.slice(1));
      if (field) add(field, issue.message);
    }
  };
  const name = form.name.trim();
  const nameProblem = machineNameProblem(name);
  if (nameProblem) add('name', nameProblem);
  else if (existingNames.includes(name)) add('name', `A machine named "${name}" already exists.`);
  for (const field of ['labels', 'env'] as const) {
    const bad = lines(form[field]).find((l) => !KEY_VALUE.test(l));
    if (bad !== undefined) add(field, `"${bad}" is not KEY=value.`);
  }
  if (isVm(form)) {
    if (form.imageKind === 'file' && !form.image.trim()) add('image', 'The path of a VM image (qcow2 with cloud-init) is required.');
    if (form.imageKind === 'url' && !isImageUrl(form.image.trim())) add('image', 'An http:// or https:// address of a qcow2 cloud image is required.');
    if (form.imageKind === 'url' && form.imageChecksum.trim() && !/^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/i.test(form.imageChecksum.trim())) {
      add('imageChecksum', 'Give sha256: and 64 hex digits, or sha512: and 128.');
    }
    if (form.driver === 'virtualbox') {
      addSchemaIssues(requestSchemas['machine.createVirtualbox'].safeParse({ request: toVirtualboxRequest(form) }));
      return problems;
    }
    if (form.initrd.trim() && !form.kernel.trim()) add('kernel', 'An initrd needs a kernel to boot.');
    addSchemaIssues(requestSchemas['machine.createQemu'].safeParse({ request: toQemuRequest(form) }));
    return problems;
  }
  if (!form.host.trim()) add('host', 'A host name or IP address is required.');
  for (const [field, label] of [['port', 'SSH port'], ['enginePort', 'Docker port']] as const) {
    const n = portNumber(form[field]);
    if (!(n >= 1 && n <= 65535)) add(field, `${label} must be a number from 1 to 65535.`);
  }
  if (form.authKind === 'key' && !form.keyPath.trim()) add('keyPath', 'The path of a private key is required.');
  if (form.authKind === 'password' && !form.password) add('password', 'The SSH password is required.');
  addSchemaIssues(requestSchemas['machine.create'].safeParse({ request: toCreateRequest(form) }));
  return problems;
}

export function pageProblems(problems: FormProblems, fields: Field[]): FormProblems {
  return Object.fromEntries(fields.filter((f) => problems[f] !== undefined).map((f) => [f, problems[f]]));
}

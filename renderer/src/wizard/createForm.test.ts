import { describe, expect, it } from 'vitest';
import { type CreateForm, emptyForm, ENGINE_FIELDS, formProblems, fromSshConfig, HOST_FIELDS, pageProblems, toCreateRequest, toQemuRequest, toVirtualboxRequest, isVm } from './createForm';

const valid: CreateForm = { ...emptyForm('/home/ada/.ssh/id_ed25519', false), name: 'web1', host: '10.0.0.5' };

describe('formProblems', () => {
  it('finds nothing wrong with a complete form', () => {
    expect(formProblems(valid, ['other'])).toEqual({});
  });

  it.each<[string, Partial<CreateForm>, Partial<Record<keyof CreateForm, string | RegExp>>]>([
    ['an empty name', { name: '' }, { name: 'A machine name is required.' }],
    ['a name with a space', { name: 'my box' }, { name: 'Machine name "my box" contains space: only letters, digits, "-" and "." are allowed.' }],
    ['a name taken already', { name: 'other' }, { name: 'A machine named "other" already exists.' }],
    ['no host', { host: ' ' }, { host: 'A host name or IP address is required.' }],
    ['a host with a space', { host: 'a b' }, { host: 'not a host name or address' }],
    ['a port out of range', { port: '70000' }, { port: 'SSH port must be a number from 1 to 65535.' }],
    ['a port that is not a number', { port: '22a' }, { port: 'SSH port must be a number from 1 to 65535.' }],
    ['a bad Docker port', { enginePort: '0' }, { enginePort: 'Docker port must be a number from 1 to 65535.' }],
    ['a user with a space', { user: 'a b' }, { user: 'not a user name' }],
    ['key auth without a key', { keyPath: '' }, { keyPath: 'The path of a private key is required.' }],
    ['password auth without a password', { authKind: 'password' }, { password: 'The SSH password is required.' }],
    ['a label that is not KEY=value', { labels: 'env=prod\nbroken' }, { labels: '"broken" is not KEY=value.' }],
    ['an env line that is not KEY=value', { env: 'HTTP_PROXY' }, { env: '"HTTP_PROXY" is not KEY=value.' }],
    ['a Docker CE version with a space', { engineKind: 'docker-ce', version: '27 .1' }, { version: /pattern|Invalid/ }],
  ])('%s', (_, change, expected) => {
    const problems = formProblems({ ...valid, ...change }, ['other']);
    expect(Object.keys(problems).sort()).toEqual(Object.keys(expected).sort());
    for (const [field, message] of Object.entries(expected)) expect(problems[field as keyof CreateForm]).toMatch(message);
  });

  it('splits problems by wizard page', () => {
    const problems = formProblems({ ...valid, name: '', enginePort: 'x' }, []);
    expect(Object.keys(pageProblems(problems, HOST_FIELDS))).toEqual(['name']);
    expect(Object.keys(pageProblems(problems, ENGINE_FIELDS))).toEqual(['enginePort']);
  });
});

describe('toCreateRequest', () => {
  it('turns lines into lists and drops what does not apply', () => {
    const form: CreateForm = {
      ...valid,
      user: 'root',
      sudoPassword: 'ignored-for-root',
      labels: ' env=prod \n\nteam=a',
      registryMirrors: 'https://mirror.test',
      extraSans: 'docker.example.com\n192.0.2.7',
      engineKind: 'docker-ce',
      channel: 'test',
      version: ' 27.3.1 ',
    };
    expect(toCreateRequest(form, 'SHA256:abc')).toEqual({
      name: 'web1',
      host: '10.0.0.5',
      port: 22,
      user: 'root',
      auth: { kind: 'key', keyPath: '/home/ada/.ssh/id_ed25519' },
      enginePort: 2376,
      engine: { kind: 'docker-ce', channel: 'test', version: '27.3.1' },
      engineOptions: { labels: ['env=prod', 'team=a'], insecureRegistries: [], registryMirrors: ['https://mirror.test'], storageDriver: '', env: [], flags: [] },
      extraSans: ['docker.example.com', '192.0.2.7'],
      setHostname: true,
      acceptHostKey: 'SHA256:abc',
    });
  });

  it.each<[Partial<CreateForm>, object]>([
    [{ authKind: 'password', password: 'pw' }, { auth: { kind: 'password', password: 'pw' } }],
    [{ authKind: 'agent' }, { auth: { kind: 'agent' } }],
    [{ passphrase: 'pp' }, { auth: { kind: 'key', keyPath: '/home/ada/.ssh/id_ed25519', passphrase: 'pp' } }],
    [{ user: 'admin', sudoPassword: 'sp' }, { user: 'admin', sudoPassword: 'sp' }],
    [{ engineKind: 'keep' }, { engine: { kind: 'keep' } }],
    [{ engineKind: 'docker-ce', version: '' }, { engine: { kind: 'docker-ce', channel: 'stable' } }],
  ])('%j', (change, expected) => {
    expect(toCreateRequest({ ...valid, ...change })).toMatchObject(expected);
  });
});

describe('emptyForm and fromSshConfig', () => {
  it.each([
    [null, true, 'agent'],
    [null, false, 'password'],
    ['/k', true, 'key'],
  ] as const)('default key %s, agent %s → %s', (key, agent, kind) => {
    expect(emptyForm(key, agent).authKind).toBe(kind);
  });

  it('fills host, port, user and key from a config host and names the machine after it', () => {
    const filled = fromSshConfig(emptyForm(null, false), { alias: '_my_box', hostName: '192.0.2.9', user: 'deploy', port: 2200, identityFile: '/k/box' });
    expect(filled).toMatchObject({ host: '192.0.2.9', port: '2200', user: 'deploy', authKind: 'key', keyPath: '/k/box', name: 'my-box' });
  });

  it('keeps what the config leaves out, and a name already typed', () => {
    const filled = fromSshConfig({ ...valid, name: 'mine' }, { alias: 'x', hostName: 'x.lan', user: null, port: null, identityFile: null });
    expect(filled).toMatchObject({ host: 'x.lan', port: '22', user: 'root', authKind: 'key', name: 'mine' });
  });
});

describe('the QEMU driver in the form', () => {
  const vm: CreateForm = { ...emptyForm(null, false), driver: 'qemu', name: 'vm1', imageKind: 'file', image: '/img/debian-12.qcow2' };

  it('needs no host, port or credentials', () => {
    expect(formProblems(vm, [])).toEqual({});
  });

  it.each<[string, Partial<CreateForm>, Partial<Record<keyof CreateForm, string | RegExp>>]>([
    ['no image', { image: ' ' }, { image: 'The path of a VM image (qcow2 with cloud-init) is required.' }],
    ['an initrd without a kernel', { initrd: '/i/initrd.img' }, { kernel: 'An initrd needs a kernel to boot.' }],
    ['no CPU', { cpus: 0 }, { cpus: /too small|>=1/i }],
    ['too little memory', { memoryMb: 100 }, { memoryMb: /too small|>=256/i }],
    ['a tiny disk', { diskSizeMb: 10 }, { diskSizeMb: /too small|>=1024/i }],
    ['a bad name', { name: '-vm' }, { name: /must start with a letter or a digit/ }],
  ])('%s', (_, change, expected) => {
    const problems = formProblems({ ...vm, ...change }, []);
    expect(Object.keys(problems).sort()).toEqual(Object.keys(expected).sort());
    for (const [field, message] of Object.entries(expected)) expect(problems[field as keyof CreateForm]).toMatch(message);
  });

  it('offers Debian 12 to download first; a catalog image needs no path', () => {
    const fresh: CreateForm = { ...emptyForm(null, false), driver: 'qemu', name: 'vm1' };
    expect(fresh.imageKind).toBe('debian-12');
    expect(formProblems(fresh, [])).toEqual({});
    expect(toQemuRequest(fresh).image).toBe('debian-12');
    expect(toQemuRequest({ ...fresh, imageKind: 'ubuntu-24.04', image: '/ignored.qcow2' }).image).toBe('ubuntu-24.04');
  });

  it.each<[string, Partial<CreateForm>, Partial<Record<keyof CreateForm, string>>]>([
    ['no URL', { image: '' }, { image: 'An http:// or https:// address of a qcow2 cloud image is required.' }],
    ['a path where a URL belongs', { image: '/img/x.qcow2' }, { image: 'An http:// or https:// address of a qcow2 cloud image is required.' }],
    ['a checksum without its algorithm', { imageChecksum: 'a'.repeat(64) }, { imageChecksum: 'Give sha256: and 64 hex digits, or sha512: and 128.' }],
    ['a short checksum', { imageChecksum: 'sha256:abc' }, { imageChecksum: 'Give sha256: and 64 hex digits, or sha512: and 128.' }],
    ['a URL and a checksum', { imageChecksum: `sha512:${'b'.repeat(128)}` }, {}],
  ])('an image URL: %s', (_, change, expected) => {
    const form: CreateForm = { ...vm, imageKind: 'url', image: 'https://images.example.org/disk.qcow2', ...change };
    expect(formProblems(form, [])).toEqual(expected);
  });

  it('sends an image URL with its checksum, and no checksum for other images', () => {
    const form: CreateForm = { ...vm, imageKind: 'url', image: ' https://images.example.org/disk.qcow2 ', imageChecksum: `sha256:${'c'.repeat(64)}` };
    expect(toQemuRequest(form)).toMatchObject({ image: 'https://images.example.org/disk.qcow2', imageChecksum: `sha256:${'c'.repeat(64)}` });
    expect(toQemuRequest({ ...form, imageKind: 'file', image: '/img/x.qcow2' })).not.toHaveProperty('imageChecksum');
  });

  it('builds the create request', () => {
    expect(toQemuRequest({ ...vm, kernel: '/i/vmlinuz', initrd: '/i/initrd.img', append: 'root=/dev/vda', cpus: 4, memoryMb: 4096, diskSizeMb: 30_000, labels: 'a=b' })).toEqual({
      name: 'vm1',
      image: '/img/debian-12.qcow2',
      kernel: '/i/vmlinuz',
      initrd: '/i/initrd.img',
      append: 'root=/dev/vda',
      cpus: 4,
      memoryMb: 4096,
      diskSizeMb: 30_000,
      engine: { kind: 'distro' },
      engineOptions: { labels: ['a=b'], insecureRegistries: [], registryMirrors: [], storageDriver: '', env: [], flags: [] },
    });
  });
});

describe('the VirtualBox driver in the form', () => {
  const vb: CreateForm = { ...emptyForm(null, false), driver: 'virtualbox', name: 'vb1', cpus: 2, memoryMb: 2048, diskSizeMb: 20_480 };

  it('becomes a createVirtualbox request: image, sizes, the host-only interface if chosen, the engine; no QEMU fields', () => {
    expect(formProblems(vb, [])).toEqual({});
    expect(toVirtualboxRequest({ ...vb, kernel: '/k', fresh: true })).toEqual({
      name: 'vb1',
      image: 'debian-12',
      cpus: 2,
      memoryMb: 2048,
      diskSizeMb: 20_480,
      engine: { kind: 'distro' },
      engineOptions: { labels: [], insecureRegistries: [], registryMirrors: [], storageDriver: '', env: [], flags: [] },
    });
    expect(toVirtualboxRequest({ ...vb, hostOnlyInterface: 'vboxnet0' }).hostOnlyInterface).toBe('vboxnet0');
    expect(isVm(vb)).toBe(true);
    expect(isVm({ driver: 'generic' })).toBe(false);
  });

  it.each<[string, Partial<CreateForm>, Partial<Record<keyof CreateForm, string | RegExp>>]>([
    ['no image file', { imageKind: 'file', image: '' }, { image: 'The path of a VM image (qcow2 with cloud-init) is required.' }],
    ['too many CPUs', { cpus: 65 }, { cpus: /too big|<=64/i }],
    ['a host-only name with a slash', { hostOnlyInterface: 'vbox/net' }, { hostOnlyInterface: 'not a network interface name' }],
    ['a name taken', { name: 'gen1' }, { name: 'A machine named "gen1" already exists.' }],
  ])('%s', (_, change, expected) => {
    const problems = formProblems({ ...vb, ...change }, ['gen1']);
    expect(Object.keys(problems).sort()).toEqual(Object.keys(expected).sort());
    for (const [field, message] of Object.entries(expected)) expect(problems[field as keyof CreateForm]).toMatch(message);
  });
});

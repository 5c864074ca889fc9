import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors';
import { dockerdArgs, originalSocketFlags, supervisorScript, systemdDropIn } from './dockerdConfig';
import { engineInstallScript, engineUpgradeScript } from './engineInstall';
import { type OsRelease, packageFamily, parseOsRelease } from './osRelease';
import { asRoot } from './privilege';

const os = (id: string, versionId = '1', extra: Partial<OsRelease> = {}): OsRelease => ({ id, idLike: [], versionId, codename: '', prettyName: '', ...extra });

describe('parseOsRelease', () => {
  it('reads Debian 12', () => {
    const text = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n';
    expect(parseOsRelease(text)).toEqual({ id: 'debian', idLike: [], versionId: '12', codename: 'bookworm', prettyName: 'Debian GNU/Linux 12 (bookworm)' });
  });
  it('reads ID_LIKE lists and single quotes', () => {
    expect(parseOsRelease("ID='rocky'\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=9.4")).toMatchObject({ id: 'rocky', idLike: ['rhel', 'centos', 'fedora'], versionId: '9.4' });
  });
});

describe('packageFamily', () => {
  it.each([
    [os('debian', '12'), 'apt'],
    [os('ubuntu', '24.04'), 'apt'],
    [os('linuxmint', '21', { idLike: ['ubuntu', 'debian'] }), 'apt'],
    [os('fedora', '40'), 'dnf'],
    [os('rocky', '9'), 'dnf'],
    [os('almalinux', '9'), 'dnf'],
    [os('rhel', '8'), 'dnf'],
    [os('centos', '7'), 'yum'],
    [os('alpine', '3.20'), 'apk'],
    [os('opensuse-leap', '15.6'), 'zypper'],
    [os('something', '1', { idLike: ['debian'] }), 'apt'],
  ])('%j → %s', (release, family) => {
    expect(packageFamily(release)).toBe(family);
  });

  it('names ID and VERSION_ID of an unknown OS', () => {
    const err = (() => {
      try {
        packageFamily(os('plan9', '4', { prettyName: 'Plan 9' }));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(BerthError);
    expect((err as Error).message).toMatch(/^Unsupported operating system: ID="plan9" VERSION_ID="4" \(Plan 9\)/);
  });
});

/** What every apt script starts with: `apt-get update` waiting while another update holds the lists. */
const APT_UPDATE_FN =
  "apt_update() { n=0; until out=$(LC_ALL=C DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -q 2>&1); do " +
  "case $out in *'Could not get lock'*) ;; *) printf '%s\\n' \"$out\" >&2; return 1;; esac; " +
  "n=$((n+1)); [ $n -lt 150 ] || { printf '%s\\n' \"$out\" >&2; return 1; }; " +
  "[ $n -gt 1 ] || echo 'Waiting for another apt to let go of the package lists...'; sleep 2; done; printf '%s\\n' \"$out\"; }; ";

describe('engineUpgradeScript', () => {
  const debian = os('debian', '12', { codename: 'bookworm' });
  it.each([
    ['apt', debian, { kind: 'distro' }, `${APT_UPDATE_FN}apt_update && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --only-upgrade docker.io`],
    ['dnf', os('fedora', '40'), { kind: 'distro' }, 'dnf upgrade -y moby-engine docker'],
    ['yum', os('centos', '7'), { kind: 'distro' }, 'yum update -y docker'],
    ['apk', os('alpine', '3.20'), { kind: 'distro' }, 'apk upgrade --no-cache docker'],
    ['zypper', os('opensuse-leap', '15.6'), { kind: 'distro' }, 'zypper --non-interactive update docker'],
    ['apt', debian, { kind: 'keep' }, null],
  ] as const)('%s %j', (family, release, choice, script) => {
    expect(engineUpgradeScript(family, release, choice)).toBe(script);
  });

  it('moves Docker CE to the chosen version with the same commands as an install', () => {
    const choice = { kind: 'docker-ce', channel: 'stable', version: '27.3.1' } as const;
    expect(engineUpgradeScript('dnf', os('fedora', '40'), choice)).toBe(engineInstallScript('dnf', os('fedora', '40'), choice));
  });
});

describe('engineInstallScript', () => {
  const debian = os('debian', '12', { codename: 'bookworm' });
  const ubuntu = os('ubuntu', '24.04', { codename: 'noble' });
  it.each([
    [
      'apt',
      debian,
      { kind: 'distro' },
      `${APT_UPDATE_FN}{ { [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -60 2>/dev/null | head -n 1)" ] || apt_update; } && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends docker.io apparmor ca-certificates xz-utils; } || { DEBIAN_FRONTEND=noninteractive dpkg --configure -a; apt_update && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends docker.io apparmor ca-certificates xz-utils; }`,
    ],
    ['dnf', os('fedora', '40'), { kind: 'distro' }, 'dnf install -y moby-engine || dnf install -y docker'],
    ['yum', os('centos', '7'), { kind: 'distro' }, 'yum install -y docker'],
    ['apk', os('alpine', '3.20'), { kind: 'distro' }, 'apk add --no-cache docker && rc-update add docker default'],
    ['zypper', os('opensuse-leap', '15.6'), { kind: 'distro' }, 'zypper --non-interactive install docker'],
    [
      'dnf',
      os('fedora', '40'),
      { kind: 'docker-ce', channel: 'test', version: '27.3.1' },
      'dnf install -y dnf-plugins-core && dnf config-manager --add-repo https://download.docker.com/linux/fedora/docker-ce.repo && dnf config-manager --set-enabled docker-ce-test && dnf install -y docker-ce-27.3.1 docker-ce-cli-27.3.1 containerd.io',
    ],
    [
      'yum',
      os('centos', '7'),
      { kind: 'docker-ce', channel: 'stable' },
      'yum install -y yum-utils && yum-config-manager --add-repo https://download.docker.com/linux/centos/docker-ce.repo && yum install -y docker-ce docker-ce-cli containerd.io',
    ],
  ] as const)('%s %j %j', (family, release, choice, script) => {
    expect(engineInstallScript(family, release, choice)).toBe(script);
  });

  it('installs Docker CE for Ubuntu from Docker\'s repository, stable channel', () => {
    const script = engineInstallScript('apt', ubuntu, { kind: 'docker-ce', channel: 'stable' })!;
    expect(script.startsWith(APT_UPDATE_FN)).toBe(true);
    expect(script.slice(APT_UPDATE_FN.length).split(' && ')).toEqual([
      'apt_update',
      'DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q ca-certificates curl',
      'install -m 0755 -d /etc/apt/keyrings',
      'curl -fsSL https://download.docker.com/linux/ubuntu/gpg -o /etc/apt/keyrings/docker.asc',
      'chmod a+r /etc/apt/keyrings/docker.asc',
      'echo "deb [arch=$(dpkg --print-architecture) signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/ubuntu noble stable" > /etc/apt/sources.list.d/docker.list',
      'apt_update',
      'DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q docker-ce docker-ce-cli containerd.io',
    ]);
  });

  it('pins a Docker CE version on Debian, test channel, and fails clearly when it is missing', () => {
    const script = engineInstallScript('apt', debian, { kind: 'docker-ce', channel: 'test', version: '28.0.0' })!;
    expect(script).toContain('https://download.docker.com/linux/debian bookworm test');
    expect(script).toContain("v=$(apt-cache madison docker-ce | awk -v want=28.0.0 'index($3, want) {print $3; exit}')");
    expect(script).toContain('is not in the test channel for bookworm');
    expect(script).toMatch(/apt-get -o DPkg::Lock::Timeout=300 install -y -q docker-ce=\$v docker-ce-cli=\$v containerd\.io$/);
  });

  it('quotes a typed version so it cannot run commands', () => {
    const script = engineInstallScript('dnf', os('fedora', '40'), { kind: 'docker-ce', channel: 'stable', version: '1;reboot' })!;
    expect(script).toContain("docker-ce'-1;reboot'");
  });

  it('installs nothing when keeping the installed Engine', () => {
    expect(engineInstallScript('apt', debian, { kind: 'keep' })).toBeNull();
  });
});

describe('dockerd configuration', () => {
  const engine = {
    Labels: ['env=prod', 'team=a b'],
    InsecureRegistry: ['10.0.0.5:5000'],
    RegistryMirror: ['https://mirror.example'],
    StorageDriver: 'overlay2',
    ArbitraryFlags: ['log-level=warn'],
    Env: ['HTTP_PROXY=http://proxy:3128'],
  };

  it('maps engine options to dockerd flags as docker-machine does', () => {
    expect(dockerdArgs({ enginePort: 2376, engine, socket: 'fd', containerd: '/run/containerd/containerd.sock' })).toEqual([
      '-H', 'fd://', '-H', 'tcp://0.0.0.0:2376', '--containerd=/run/containerd/containerd.sock',
      '--tlsverify', '--tlscacert', '/etc/docker/ca.pem', '--tlscert', '/etc/docker/server.pem', '--tlskey', '/etc/docker/server-key.pem',
      '--storage-driver', 'overlay2', '--label', 'env=prod', '--label', 'team=a b', '--insecure-registry', '10.0.0.5:5000',
      '--registry-mirror', 'https://mirror.example', '--log-level=warn',
    ]);
  });

  it('writes a systemd drop-in that clears ExecStart and quotes every word', () => {
    expect(systemdDropIn('/usr/sbin/dockerd', ['--label', 'a b', '--label', '100%$x"y'], ['HTTP_PROXY=http://p:3128'])).toBe(
      [
        '# Written by Berth: Docker with TLS on TCP. Remove this file to undo.',
        '[Service]',
        'ExecStart=',
        'ExecStart="/usr/sbin/dockerd" "--label" "a b" "--label" "100%%$$x\\"y"',
        'Environment=',
        'Environment="HTTP_PROXY=http://p:3128"',
        '',
      ].join('\n'),
    );
  });

  it('writes a supervisor script with shell-quoted words', () => {
    const script = supervisorScript('/usr/bin/dockerd', ['--label', "it's"], ['A=b c']);
    expect(script).toContain("export 'A=b c'");
    expect(script).toContain("  /usr/bin/dockerd --label 'it'\\''s'");
    expect(script).toContain('echo $$ > /run/berth-dockerd.pid');
  });

  it.each([
    ['ExecStart=/usr/sbin/dockerd -H fd:// $DOCKER_OPTS', { socket: 'fd' }],
    ['ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock', { socket: 'fd', containerd: '/run/containerd/containerd.sock' }],
    ['ExecStart=/usr/bin/dockerd', { socket: 'unix' }],
  ])('keeps the socket flags of %s', (line, flags) => {
    expect(originalSocketFlags(line)).toEqual(flags);
  });
});

describe('asRoot', () => {
  it.each([
    [{ kind: 'root' }, { command: "sh -c 'echo hi'" }],
    [{ kind: 'sudo' }, { command: "sudo -n sh -c 'echo hi'" }],
    [
      { kind: 'sudo-password', password: 'p' },
      {
        command: `sudo -S -p '[berth-sudo-m1]' sh -c 'printf '\\''%s\\n'\\'' '\\''[berth-root-m1]'\\'' >&2; echo hi'`,
        answer: { prompt: '[berth-sudo-m1]', reply: 'p\n', ready: '[berth-root-m1]' },
      },
    ],
  ] as const)('%j', (privilege, wrapped) => {
    expect(asRoot('echo hi', privilege, 'm1')).toEqual(wrapped);
  });
});

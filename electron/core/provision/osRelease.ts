import { BerthError } from '../errors';

export interface OsRelease {
  id: string;
  idLike: string[];
  versionId: string;
  codename: string;
  prettyName: string;
}

export type PackageFamily = 'apt' | 'dnf' | 'yum' | 'apk' | 'zypper';

/** Parses /etc/os-release (KEY=value lines, values optionally quoted). */
export function parseOsRelease(text: string): OsRelease {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    values.set(m[1]!, m[2]!.replace(/^(["'])(.*)\1$/, '$2').replace(/\\(["$`\\])/g, '$1'));
  }
  return {
    id: (values.get('ID') ?? '').toLowerCase(),
    idLike: (values.get('ID_LIKE') ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    versionId: values.get('VERSION_ID') ?? '',
    codename: values.get('VERSION_CODENAME') ?? '',
    prettyName: values.get('PRETTY_NAME') ?? '',
  };
}

const FAMILIES: Array<[PackageFamily, string[]]> = [
  ['apt', ['debian', 'ubuntu', 'raspbian', 'linuxmint', 'pop']],
  ['dnf', ['fedora', 'rhel', 'centos', 'rocky', 'almalinux', 'ol']],
  ['apk', ['alpine']],
  ['zypper', ['opensuse', 'opensuse-leap', 'opensuse-tumbleweed', 'sles', 'suse']],
];

/** The package manager of a known OS; an unknown one is a clear error naming ID and VERSION_ID. */
export function packageFamily(os: OsRelease): PackageFamily {
  for (const id of [os.id, ...os.idLike]) {
    const found = FAMILIES.find(([, ids]) => ids.includes(id));
    if (found) {
      // CentOS/RHEL 7 have yum only.
      if (found[0] === 'dnf' && ['centos', 'rhel', 'ol'].includes(os.id) && os.versionId.startsWith('7')) return 'yum';
      return found[0];
    }
  }
  throw new BerthError(
    'UNSUPPORTED',
    `Unsupported operating system: ID="${os.id}" VERSION_ID="${os.versionId}"${os.prettyName ? ` (${os.prettyName})` : ''}. Berth can provision Debian, Ubuntu, Fedora, CentOS, RHEL, Rocky, Alma, Alpine and openSUSE.`,
  );
}

import type { EngineInstallChoice } from '../../../shared/requests';
import { shellQuote } from '../util/shellQuote';
import type { OsRelease, PackageFamily } from './osRelease';

/** The wizard's Docker Engine choice (docker-machine only ever ran get.docker.com: its issue #1702), as the request schema defines it. */
export type EngineChoice = EngineInstallChoice;

/**
 * apt as provisioning runs it: no questions, and waiting (up to five minutes) for another apt or
 * dpkg to finish instead of failing at once on its lock — unattended-upgrades on a fresh cloud VM,
 * or the install a cancelled create left ending on the host. apt before 1.9 ignores the option.
 */
const APT = 'DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300';
/** Finishes what an interrupted dpkg left (a create cancelled mid-install): until then apt refuses to run. */
const DPKG_RESUME = 'DEBIAN_FRONTEND=noninteractive dpkg --configure -a';
/**
 * `apt_update`, defined first in every apt script: `apt-get update` that waits (up to five minutes)
 * while another update holds the package lists — apt's lock timeout covers dpkg's lock only, and a
 * fresh cloud VM's apt-daily, or the update of a cancelled create, holds that one for a while. Its
 * lines come once it is done (they are read to tell the lock from other failures: LC_ALL=C).
 */
const APT_UPDATE_FN =
  `apt_update() { n=0; until out=$(LC_ALL=C ${APT} update -q 2>&1); do ` +
  `case $out in *'Could not get lock'*) ;; *) printf '%s\\n' "$out" >&2; return 1;; esac; ` +
  `n=$((n+1)); [ $n -lt 150 ] || { printf '%s\\n' "$out" >&2; return 1; }; ` +
  `[ $n -gt 1 ] || echo 'Waiting for another apt to let go of the package lists...'; sleep 2; done; printf '%s\\n' "$out"; }`;
const withAptUpdate = (script: string): string => `${APT_UPDATE_FN}; ${script}`;

/** The distribution's own Docker package, per family. */
function distroInstall(family: PackageFamily): string {
  switch (family) {
    case 'apt': {
      // AppArmor next to docker.io, or every `docker run` fails to load the docker-default profile.
      // Recommends left out (git, needrestart… take most of the time) except what pulls need.
      // Package lists younger than an hour are used as they are; if the install fails (stale lists, or
      // a dpkg a cancelled create interrupted), finish dpkg's work, update and retry.
      const install = `${APT} install -y -q --no-install-recommends docker.io apparmor ca-certificates xz-utils`;
      const fresh = `[ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -60 2>/dev/null | head -n 1)" ]`;
      return withAptUpdate(`{ { ${fresh} || apt_update; } && ${install}; } || { ${DPKG_RESUME}; apt_update && ${install}; }`);
    }
    case 'dnf':
      return 'dnf install -y moby-engine || dnf install -y docker';
    case 'yum':
      return 'yum install -y docker';
    case 'apk':
      return 'apk add --no-cache docker && rc-update add docker default';
    case 'zypper':
      return 'zypper --non-interactive install docker';
  }
}

const REPO_OS: Record<string, string> = { ubuntu: 'ubuntu', debian: 'debian', raspbian: 'raspbian', fedora: 'fedora', rhel: 'rhel', centos: 'centos', rocky: 'centos', almalinux: 'centos' };

/** Docker CE from Docker's own repository, on the chosen channel, optionally pinned to a version. */
function dockerCeInstall(family: PackageFamily, os: OsRelease, channel: 'stable' | 'test', version?: string): string {
  const repoOs = REPO_OS[os.id] ?? REPO_OS[os.idLike[0] ?? ''] ?? os.id;
  const base = `https://download.docker.com/linux/${repoOs}`;
  const pkgs = ['docker-ce', 'docker-ce-cli', 'containerd.io'];
  switch (family) {
    case 'apt': {
      const want = version ? shellQuote(version) : '';
      return withAptUpdate([
        'apt_update',
        `${APT} install -y -q ca-certificates curl`,
        'install -m 0755 -d /etc/apt/keyrings',
        `curl -fsSL ${base}/gpg -o /etc/apt/keyrings/docker.asc`,
        'chmod a+r /etc/apt/keyrings/docker.asc',
        `echo "deb [arch=$(dpkg --print-architecture) signed-by=/etc/apt/keyrings/docker.asc] ${base} ${shellQuote(os.codename)} ${channel}" > /etc/apt/sources.list.d/docker.list`,
        'apt_update',
        ...(version
          ? [
              `v=$(apt-cache madison docker-ce | awk -v want=${want} 'index($3, want) {print $3; exit}')`,
              `{ [ -n "$v" ] || { echo "Docker CE "${want}" is not in the ${channel} channel for ${shellQuote(os.codename)}" >&2; exit 1; }; }`,
            ]
          : []),
        `${APT} install -y -q ${pkgs.map((p) => (version && p !== 'containerd.io' ? `${p}=$v` : p)).join(' ')}`,
      ].join(' && '));
    }
    case 'dnf':
    case 'yum': {
      const tool = family;
      const ver = version ? shellQuote(`-${version}`) : '';
      return [
        `${tool} install -y ${tool === 'dnf' ? 'dnf-plugins-core' : 'yum-utils'}`,
        `${tool === 'dnf' ? 'dnf config-manager --add-repo' : 'yum-config-manager --add-repo'} ${base}/docker-ce.repo`,
        ...(channel === 'test' ? [`${tool === 'dnf' ? 'dnf config-manager --set-enabled' : 'yum-config-manager --enable'} docker-ce-test`] : []),
        `${tool} install -y docker-ce${ver} docker-ce-cli${ver} containerd.io`,
      ].join(' && ');
    }
    case 'apk':
    case 'zypper':
      // Docker publishes no CE packages for these: their own package is the only choice.
      return distroInstall(family);
  }
}

/** The shell commands (run as root) that install the chosen Engine; null when nothing is to install. */
export function engineInstallScript(family: PackageFamily, os: OsRelease, choice: EngineChoice): string | null {
  switch (choice.kind) {
    case 'keep':
    case 'adopt':
      return null;
    case 'distro':
      return distroInstall(family);
    case 'docker-ce':
      return dockerCeInstall(family, os, choice.channel, choice.version);
  }
}

/** Upgrades what is installed to the newest the chosen source has (docker-ce: to the chosen version). */
export function engineUpgradeScript(family: PackageFamily, os: OsRelease, choice: EngineChoice): string | null {
  if (choice.kind === 'keep' || choice.kind === 'adopt') return null;
  if (choice.kind === 'docker-ce') return dockerCeInstall(family, os, choice.channel, choice.version);
  switch (family) {
    case 'apt':
      return withAptUpdate(`apt_update && ${APT} install -y -q --only-upgrade docker.io`);
    case 'dnf':
      return 'dnf upgrade -y moby-engine docker';
    case 'yum':
      return 'yum update -y docker';
    case 'apk':
      return 'apk upgrade --no-cache docker';
    case 'zypper':
      return 'zypper --non-interactive update docker';
  }
}

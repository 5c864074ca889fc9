import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, run } from './docker';

/** Test-only credentials baked into the image: these hosts exist only on loopback, for the length of a test run. */
export const TEST_PASSWORD = 'berth-test-password';

/** Users every test host has. */
export const USERS = {
  /** Key login; the only way in as root. */
  root: 'root',
  /** Key or password login; passwordless sudo. */
  nopasswd: 'berth',
  /** Key or password login; sudo asks for TEST_PASSWORD. */
  sudoPassword: 'sudoer',
  /** Password (or key) login; no sudo at all. */
  plain: 'pwuser',
} as const;

const SUITE = 'bookworm';
const PACKAGES = ['openssh-server', 'rsync', 'sudo', 'ca-certificates', 'iproute2', 'procps', 'systemd', 'systemd-sysv', 'dbus', 'kmod'];

// Runs inside the debootstrapped root (chroot) once, at image build.
const CONFIGURE = `set -eu
useradd -m -s /bin/bash ${USERS.nopasswd}
useradd -m -s /bin/bash ${USERS.sudoPassword}
useradd -m -s /bin/bash ${USERS.plain}
printf '%s\\n' '${USERS.nopasswd}:${TEST_PASSWORD}' '${USERS.sudoPassword}:${TEST_PASSWORD}' '${USERS.plain}:${TEST_PASSWORD}' | chpasswd
usermod -aG sudo ${USERS.sudoPassword}
echo '${USERS.nopasswd} ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/${USERS.nopasswd}
chmod 0440 /etc/sudoers.d/${USERS.nopasswd}
mkdir -p /etc/ssh/sshd_config.d
printf '%s\\n' 'PasswordAuthentication yes' 'PermitRootLogin prohibit-password' 'UseDNS no' > /etc/ssh/sshd_config.d/berth-test.conf
rm -f /etc/ssh/ssh_host_*
# Units that have nothing to do in a container and would only fail.
systemctl mask systemd-udevd.service systemd-udev-trigger.service systemd-modules-load.service getty@tty1.service console-getty.service sys-kernel-config.mount sys-kernel-debug.mount >/dev/null 2>&1 || true
systemctl enable ssh.service >/dev/null 2>&1 || true
apt-get clean
rm -rf /var/lib/apt/lists/*
`;

// The entry point of every test host container: per-container host keys, the run's authorised key,
// then sshd alone or systemd as PID 1.
const ENTRY = `#!/bin/sh
set -eu
ssh-keygen -A >/dev/null
for home in /root /home/${USERS.nopasswd} /home/${USERS.sudoPassword} /home/${USERS.plain}; do
  mkdir -p "$home/.ssh"
  printf '%s\\n' "\${BERTH_AUTHORIZED_KEY:-}" > "$home/.ssh/authorized_keys"
  chmod 700 "$home/.ssh"; chmod 600 "$home/.ssh/authorized_keys"
  chown -R "$(stat -c %U "$home"):" "$home/.ssh"
done
if [ "\${BERTH_REMOUNT_CGROUPS:-0}" = 1 ]; then
  # cgroup v1 mounts are read-only in containers; systemd and a nested dockerd need them writable.
  for m in $(awk '$3 ~ /^cgroup/ {print $2}' /proc/mounts); do mount -o remount,bind,rw "$m" 2>/dev/null || true; done
fi
case "\${1:-sshd}" in
  systemd) exec /sbin/init ;;
  *) mkdir -p /run/sshd; exec /usr/sbin/sshd -D -e ;;
esac
`;

export const RECIPE_HASH = createHash('sha256')
  .update(JSON.stringify({ SUITE, PACKAGES, CONFIGURE, ENTRY }))
  .digest('hex')
  .slice(0, 12);
export const IMAGE = `berth-testhost:${RECIPE_HASH}`;

/** The apt mirror this machine uses (debootstrap must reach the same one). */
export async function debianMirror(): Promise<string> {
  if (process.env.BERTH_DEBIAN_MIRROR) return process.env.BERTH_DEBIAN_MIRROR;
  for (const file of ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const m = /^URIs:\s*(\S+\/debian)\s*$/m.exec(text) ?? /^deb\s+(\S+\/debian)\s+/m.exec(text);
    if (m) return m[1]!;
  }
  return 'http://deb.debian.org/debian';
}

/** Builds the test host image unless one for this exact recipe is cached; returns its tag. */
export async function ensureTestImage(log: (line: string) => void = () => undefined): Promise<string> {
  const present = await docker(['image', 'inspect', IMAGE]).then(
    () => true,
    () => false,
  );
  if (present) return IMAGE;
  const started = Date.now();
  const work = await mkdtemp(join(tmpdir(), 'berth-rootfs-'));
  const rootfs = join(work, 'rootfs');
  try {
    const mirror = await debianMirror();
    log(`building ${IMAGE}: debootstrap ${SUITE} from ${mirror}`);
    await run('debootstrap', ['--variant=minbase', `--include=${PACKAGES.join(',')}`, SUITE, rootfs, mirror], { timeoutMs: 900_000 });
    await writeFile(join(rootfs, 'usr/local/sbin/berth-entry'), ENTRY, { mode: 0o755 });
    await run('chroot', [rootfs, '/bin/sh', '-c', CONFIGURE], { timeoutMs: 300_000 });
    const tar = `tar -C '${rootfs}' -c . | docker import -c 'ENTRYPOINT ["/usr/local/sbin/berth-entry"]' - '${IMAGE}'`;
    await run('sh', ['-c', tar], { timeoutMs: 600_000 });
    log(`built ${IMAGE} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return IMAGE;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

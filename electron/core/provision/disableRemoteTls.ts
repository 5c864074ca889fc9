import type { SshSession } from '../ssh/sshSession';
import { REMOTE_TLS, SUPERVISOR, SUPERVISOR_PID, SYSTEMD_DROP_IN } from './dockerdConfig';
import { asRoot, detectPrivilege } from './privilege';

/**
 * Undoes Berth's Docker configuration on a host: the TLS listener goes, and Docker runs as the
 * distribution set it up (systemd), or stops (a supervised dockerd had no service manager).
 * Returns what was done, for the log.
 */
export async function disableRemoteTls(ssh: SshSession, sudoPassword?: string): Promise<string> {
  const privilege = await detectPrivilege(ssh, sudoPassword);
  const script = [
    `if [ -f ${SYSTEMD_DROP_IN} ]; then rm -f ${SYSTEMD_DROP_IN}; systemctl daemon-reload; systemctl restart docker.service; echo "docker.service restarted without the TLS listener";`,
    `elif [ -f ${SUPERVISOR_PID} ]; then kill "$(cat ${SUPERVISOR_PID})" 2>/dev/null; pkill -x dockerd 2>/dev/null; rm -f ${SUPERVISOR_PID}; echo "the supervised dockerd was stopped";`,
    'else echo "no Berth configuration of Docker was found"; fi',
    `rm -f ${SUPERVISOR} ${REMOTE_TLS.cert} ${REMOTE_TLS.key} ${REMOTE_TLS.ca}`,
  ].join('\n');
  const { command, answer } = asRoot(script, privilege);
  const r = await ssh.exec(command, { answer });
  if (r.code !== 0) throw new Error(`disabling the TLS listener failed (exit ${r.code}): ${r.stderr.trim()}`);
  return r.stdout.trim();
}

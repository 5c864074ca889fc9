/**
 * An address that only this computer reaches (a local VM's or a test host's loopback forward): other
 * machines cannot reach a swarm manager advertised there. Plain text, so the core and the page agree.
 */
export function isLoopbackAddress(ip: string): boolean {
  return ip === 'localhost' || ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}

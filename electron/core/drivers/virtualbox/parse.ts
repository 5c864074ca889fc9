import type { MachineState } from '../../../../shared/types';

/**
 * VBoxManage's outputs as the VirtualBox manual documents them. Written from the manual's
 * descriptions and examples, not from a running VirtualBox (none can run on Berth's build machines);
 * the tests beside this file say so.
 */

/** `showvminfo --machinereadable`: one `key=value` a line; keys and string values may be quoted, numbers are not. */
export function parseMachineReadable(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^("(?:[^"\\]|\\.)*"|[^=]+)=(.*)$/.exec(line);
    if (!m) continue;
    out.set(unquote(m[1]!), unquote(m[2]!));
  }
  return out;
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t;
}

/** docker-machine's mapping of VMState, plus the passing states VirtualBox reports while it acts. */
export function stateOfVm(vmState: string | undefined): { state: MachineState; error: string | null } {
  switch (vmState) {
    case 'running':
      return { state: 'Running', error: null };
    case 'paused':
      return { state: 'Paused', error: null };
    case 'saved':
      return { state: 'Saved', error: null };
    case 'poweroff':
    case 'aborted':
      return { state: 'Stopped', error: null };
    case 'starting':
    case 'restoring':
      return { state: 'Starting', error: null };
    case 'stopping':
    case 'saving':
      return { state: 'Stopping', error: null };
    case undefined:
      return { state: 'Error', error: 'VirtualBox did not report the VM state (no VMState line)' };
    default:
      return { state: 'Error', error: `VirtualBox reports the VM as "${vmState}"` };
  }
}

/** The NAT rules of a card (`Forwarding(N)="name,proto,hostip,hostport,guestip,guestport"`). */
export function natForwards(info: Map<string, string>): { name: string; proto: string; hostIp: string; hostPort: number; guestPort: number }[] {
  const rules = [];
  for (const [key, value] of info) {
    if (!/^Forwarding\(\d+\)$/.test(key)) continue;
    const [name = '', proto = '', hostIp = '', hostPort = '', , guestPort = ''] = value.split(',');
    rules.push({ name, proto, hostIp, hostPort: Number(hostPort), guestPort: Number(guestPort) });
  }
  return rules;
}

/** `list vms` / `list runningvms`: `"NAME" {UUID}` a line. */
export function parseVmList(text: string): { name: string; uuid: string }[] {
  const vms = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^"(.*)" \{([0-9a-fA-F-]+)\}\s*$/.exec(line);
    if (m) vms.push({ name: m[1]!, uuid: m[2]! });
  }
  return vms;
}

/** `guestproperty get`: `Value: V`, or `No value set!` (null). */
export function parseGuestProperty(text: string): string | null {
  const m = /^Value: (.*)$/m.exec(text);
  return m ? m[1]!.trim() : null;
}

/**
 * `guestproperty enumerate`: up to VirtualBox 6.1 `Name: P, value: V, timestamp: T, flags: F`;
 * from 7.0 `P = 'V' @ TIME` (flags after it, if any).
 */
export function parseGuestProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const old = /^Name: ([^,]+), value: (.*?), timestamp: /.exec(line);
    const now = /^\s*(\/\S+) = '(.*)'( @ .*)?$/.exec(line);
    const m = old ?? now;
    if (m) out.set(m[1]!.trim(), m[2]!);
  }
  return out;
}

/** `list hostonlyifs`: blocks of `Key:   value` lines separated by blank lines; the interfaces' names and addresses. */
export function parseHostOnlyIfs(text: string): { name: string; ip: string; mask: string }[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.split(/\r?\n/)) {
        const m = /^([A-Za-z][\w ]*?):\s+(.*)$/.exec(line);
        if (m) fields.set(m[1]!, m[2]!.trim());
      }
      return { name: fields.get('Name') ?? '', ip: fields.get('IPAddress') ?? '', mask: fields.get('NetworkMask') ?? '' };
    })
    .filter((i) => i.name);
}

/** `VBoxManage --version`: `7.0.14r161095`, `6.1.50_Ubuntur161033` → [major, minor, patch]. */
export function parseVboxVersion(text: string): [number, number, number] | null {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** VBoxManage's words for a VM it does not know (docker-machine matches the same). */
export function vmNotFound(stderr: string): boolean {
  return /Could not find a registered machine (named|with UUID) /.test(stderr);
}

/** The IPv4 address in `ip addr show dev eth1` output (how docker-machine finds a boot2docker VM's host-only address). */
export function ipFromIpAddr(text: string): string | null {
  const m = /^\s*inet (\d{1,3}(?:\.\d{1,3}){3})\//m.exec(text);
  return m ? m[1]! : null;
}

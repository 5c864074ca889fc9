import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { qemuRecord } from './qemu/record';
import { virtualboxRecord } from './virtualbox/record';

const ROOT = new URL('../../..', import.meta.url).pathname;
/** docker-machine's BaseDriver fields (and generic's EnginePort, which every Berth VM records too): read by the neutral services through recordFields.ts. */
const COMMON = new Set(['IPAddress', 'MachineName', 'SSHUser', 'SSHPort', 'SSHKeyPath', 'StorePath', 'SwarmMaster', 'SwarmHost', 'SwarmDiscovery', 'EnginePort']);
const OWNERS: [folder: string, names: readonly string[]][] = [
  ['electron/core/drivers/qemu/', qemuRecord.names],
  ['electron/core/drivers/virtualbox/', virtualboxRecord.names],
];

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(path)));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

// A driver's own record fields are read and written by name only in its folder (its codec); every
// other module asks the driver. Names two VM drivers share (CPU, Memory, Image…) may appear in both.
describe("a driver's field names appear only in its folder", () => {
  it('no module outside the owning folders names them (quoted, or as Driver.Name)', async () => {
    const files = [...(await sources('electron')), ...(await sources('shared'))];
    const offences: string[] = [];
    for (const file of files) {
      const text = await readFile(join(ROOT, file), 'utf8');
      for (const [, names] of OWNERS) {
        for (const name of names) {
          if (COMMON.has(name)) continue;
          const owners = OWNERS.filter(([, n]) => n.includes(name)).map(([folder]) => folder);
          if (owners.some((folder) => relative(folder, file).split('/')[0] !== '..')) continue;
          const pattern = new RegExp(`['"\`]${name}['"\`]|Driver\\??\\.${name}\\b`);
          if (pattern.test(text)) offences.push(`${file}: ${name}`);
        }
      }
    }
    expect([...new Set(offences)]).toEqual([]);
  });

  it('would catch one (the check itself works)', () => {
    expect(new RegExp(`['"\`]DockerBase['"\`]|Driver\\??\\.DockerBase\\b`).test("stringField(d, 'DockerBase')")).toBe(true);
    expect(qemuRecord.names).toContain('DockerBase');
    expect(virtualboxRecord.names).toContain('HostOnlyCIDR');
  });
});

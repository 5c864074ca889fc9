import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

async function modules(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await modules(path)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

// A value import cycle is evaluated in whatever order the first importer gives: a module may then
// read another's export before it exists (a registry built from drivers that are still loading did).
// Type-only imports vanish at build time and do not count.
describe('the core', () => {
  it('has no cycle of value imports', async () => {
    const graph = new Map<string, string[]>();
    for (const file of await modules('electron')) {
      const text = await readFile(join(ROOT, file), 'utf8');
      const deps = [...text.matchAll(/^import (?!type )[^;]*? from '(\.[^']+)';/gms)]
        .map((m) => normalize(join(dirname(file), m[1]!)) + '.ts')
        .filter((dep) => existsSync(join(ROOT, dep)));
      graph.set(file, deps);
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      path.push(file);
      for (const dep of graph.get(file) ?? []) {
        if (state.get(dep) === 'open') cycles.push([...path.slice(path.indexOf(dep)), dep].map((f) => relative('electron', f)).join(' → '));
        else if (!state.has(dep)) visit(dep);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});

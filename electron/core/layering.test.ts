import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own ESLint config is the rule under test: the core must run in plain Node.
const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function electronImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// The first lint loads the TypeScript parser and the whole config: seconds on a busy 2-core machine.
describe('layering rule', { timeout: 30_000 }, () => {
  it.each([
    ['electron/core/probe.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/core/store/probe.ts', "import { clipboard } from 'electron/main';\nexport const c = clipboard;\n"],
    ['electron/web/probe.ts', "export { shell } from 'electron';\n"],
    ['electron/cli/probe.ts', "import 'electron';\n"],
    ['shared/probe.ts', "import type { App } from 'electron';\nexport type A = App;\n"],
  ])('fails the lint on an electron import in %s', async (filePath, code) => {
    expect(await electronImportErrors(filePath, code)).not.toEqual([]);
  });

  it.each(['electron/main.ts', 'electron/preload.ts', 'electron/platform/electronPlatform.ts'])(
    'allows electron in %s',
    async (filePath) => {
      expect(await electronImportErrors(filePath, "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
    },
  );
});

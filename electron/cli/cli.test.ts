import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args';
import { detectShell, shellKind } from './detectShell';

const specs = [
  { names: ['quiet', 'q'], kind: 'bool' as const },
  { names: ['filter'], kind: 'list' as const },
  { names: ['timeout', 't'], kind: 'int' as const },
  { names: ['format', 'f'], kind: 'string' as const },
];

describe('parseArgs', () => {
  it.each([
    [['-q'], { quiet: true }, []],
    [['--quiet=false', 'x'], { quiet: false }, ['x']],
    [['-t', '3', 'a', '--filter', 'x=1', '--filter=y=2'], { timeout: 3, filter: ['x=1', 'y=2'] }, ['a']],
    [['-f', '{{.Name}}'], { format: '{{.Name}}' }, []],
    [['-format', 'x'], { format: 'x' }, []],
    [['a', '--', '-q'], {}, ['a', '-q']],
  ])('%j', (argv, flags, args) => {
    expect(parseArgs(argv, specs)).toEqual({ flags, args });
  });

  it.each([
    [['--nope'], 'flag provided but not defined: --nope'],
    [['-t'], 'flag needs an argument: -t'],
    [['-t', 'x'], 'invalid value "x" for flag -t: not an integer'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv, specs)).toThrow(new UsageError(message));
  });
});

describe('shells', () => {
  it.each([
    ['/bin/zsh', 'bash'],
    ['/usr/bin/fish', 'fish'],
    ['pwsh.exe', 'powershell'],
    ['/bin/csh', 'tcsh'],
    ['nu', 'nushell'],
    ['/bin/xonsh', null],
  ])('shellKind(%s) = %s', (name, kind) => {
    expect(shellKind(name)).toBe(kind);
  });

  it.each([
    [{ SHELL: '/usr/bin/fish' }, 'linux', 'fish'],
    [{ SHELL: '/bin/strange' }, 'linux', 'bash'],
    [{}, 'linux', 'bash'],
    [{}, 'win32', 'powershell'],
  ] as const)('detectShell(%j, %s) = %s', (env, platform, kind) => {
    expect(detectShell(env, platform)).toBe(kind);
  });
});

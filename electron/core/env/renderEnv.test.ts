import { describe, expect, it } from 'vitest';
import type { EnvShell } from '../../../shared/types';
import { addToNoProxy, noProxyVariable } from './noProxy';
import { renderContextEnv, renderEnv } from './renderEnv';

const base = {
  machineName: 'gen1',
  dockerHost: 'tcp://127.0.0.1:2376',
  certPath: '/home/dev/.docker/machine/machines/gen1',
};

// docker-machine 0.16.2's bytes for machine gen1 (see the project's reference notes).
const SET: Record<EnvShell, string> = {
  bash:
    'export DOCKER_TLS_VERIFY="1"\nexport DOCKER_HOST="tcp://127.0.0.1:2376"\n' +
    'export DOCKER_CERT_PATH="/home/dev/.docker/machine/machines/gen1"\nexport DOCKER_MACHINE_NAME="gen1"\n',
  fish:
    'set -gx DOCKER_TLS_VERIFY "1";\nset -gx DOCKER_HOST "tcp://127.0.0.1:2376";\n' +
    'set -gx DOCKER_CERT_PATH "/home/dev/.docker/machine/machines/gen1";\nset -gx DOCKER_MACHINE_NAME "gen1";\n',
  powershell:
    '$Env:DOCKER_TLS_VERIFY = "1"\n$Env:DOCKER_HOST = "tcp://127.0.0.1:2376"\n' +
    '$Env:DOCKER_CERT_PATH = "/home/dev/.docker/machine/machines/gen1"\n$Env:DOCKER_MACHINE_NAME = "gen1"\n',
  cmd:
    'SET DOCKER_TLS_VERIFY=1\nSET DOCKER_HOST=tcp://127.0.0.1:2376\n' +
    'SET DOCKER_CERT_PATH=/home/dev/.docker/machine/machines/gen1\nSET DOCKER_MACHINE_NAME=gen1\n',
  tcsh:
    'setenv DOCKER_TLS_VERIFY "1";\nsetenv DOCKER_HOST "tcp://127.0.0.1:2376";\n' +
    'setenv DOCKER_CERT_PATH "/home/dev/.docker/machine/machines/gen1";\nsetenv DOCKER_MACHINE_NAME "gen1";\n',
  emacs:
    '(setenv "DOCKER_TLS_VERIFY" "1")\n(setenv "DOCKER_HOST" "tcp://127.0.0.1:2376")\n' +
    '(setenv "DOCKER_CERT_PATH" "/home/dev/.docker/machine/machines/gen1")\n(setenv "DOCKER_MACHINE_NAME" "gen1")\n',
  nushell:
    '$env.DOCKER_TLS_VERIFY = "1"\n$env.DOCKER_HOST = "tcp://127.0.0.1:2376"\n' +
    '$env.DOCKER_CERT_PATH = "/home/dev/.docker/machine/machines/gen1"\n$env.DOCKER_MACHINE_NAME = "gen1"\n',
};

const UNSET: Record<EnvShell, (name: string) => string> = {
  bash: (n) => `unset ${n}`,
  fish: (n) => `set -e ${n};`,
  powershell: (n) => `Remove-Item Env:\\\\${n}`,
  cmd: (n) => `SET ${n}=`,
  tcsh: (n) => `unsetenv ${n};`,
  emacs: (n) => `(setenv "${n}" nil)`,
  nushell: (n) => `hide-env ${n}`,
};

const SET_LINE: Record<EnvShell, (n: string, v: string) => string> = {
  bash: (n, v) => `export ${n}="${v}"`,
  fish: (n, v) => `set -gx ${n} "${v}";`,
  powershell: (n, v) => `$Env:${n} = "${v}"`,
  cmd: (n, v) => `SET ${n}=${v}`,
  tcsh: (n, v) => `setenv ${n} "${v}";`,
  emacs: (n, v) => `(setenv "${n}" "${v}")`,
  nushell: (n, v) => `$env.${n} = "${v}"`,
};

const HINTS: Record<EnvShell, string> = {
  bash: '# Run this command to configure your shell: \n# eval $(docker-machine env gen1)\n',
  fish: '# Run this command to configure your shell: \n# eval (docker-machine env --shell fish gen1)\n',
  powershell:
    '# Run this command to configure your shell: \n# & docker-machine env --shell powershell gen1 | Invoke-Expression\n',
  cmd: 'REM Run this command to configure your shell: \nREM \t@FOR /f "tokens=*" %i IN (\'docker-machine env --shell cmd gen1\') DO @%i\n',
  tcsh: ': Run this command to configure your shell: \n: eval `docker-machine env --shell tcsh gen1`\n',
  emacs:
    ';; Run this command to configure your shell: \n;; (with-temp-buffer (shell-command "docker-machine env --shell emacs gen1" (current-buffer)) (eval-buffer))\n',
  nushell:
    '# Run this command to configure your shell: \n# docker-machine env --shell nushell gen1 | save -f berth-env.nu; then: source berth-env.nu\n',
};

const VARS = ['DOCKER_TLS_VERIFY', 'DOCKER_HOST', 'DOCKER_CERT_PATH', 'DOCKER_MACHINE_NAME'];
const SHELLS = Object.keys(SET) as EnvShell[];

describe('renderEnv', () => {
  describe.each(SHELLS)('%s', (shell) => {
    it("sets the variables as docker-machine does", () => {
      expect(renderEnv({ ...base, shell, unset: false })).toBe(SET[shell]);
    });

    it('adds the usage hint lines', () => {
      const cmd = shell === 'bash' ? 'docker-machine env gen1' : `docker-machine env --shell ${shell} gen1`;
      expect(renderEnv({ ...base, shell, unset: false, hintCommand: cmd })).toBe(SET[shell] + HINTS[shell]);
    });

    it('unsets the variables', () => {
      expect(renderEnv({ ...base, shell, unset: true })).toBe(VARS.map(UNSET[shell]).join('\n') + '\n');
    });

    it('sets NO_PROXY last with --no-proxy', () => {
      const out = renderEnv({ ...base, shell, unset: false, noProxy: { name: 'NO_PROXY', value: 'example.com,127.0.0.1' } });
      expect(out).toBe(SET[shell] + SET_LINE[shell]('NO_PROXY', 'example.com,127.0.0.1') + '\n');
    });

    it('unsets NO_PROXY without gluing a value to it (docker-machine bug)', () => {
      const out = renderEnv({ ...base, shell, unset: true, noProxy: { name: 'no_proxy', value: 'example.com' } });
      expect(out.trimEnd().split('\n').at(-1)).toBe(UNSET[shell]('no_proxy'));
    });
  });

  it('adds COMPOSE_CONVERT_WINDOWS_PATHS on Windows before NO_PROXY', () => {
    const out = renderEnv({ ...base, shell: 'powershell', unset: false, windows: true, noProxy: { name: 'NO_PROXY', value: 'x' } });
    expect(out.split('\n').slice(4, 6)).toEqual(['$Env:COMPOSE_CONVERT_WINDOWS_PATHS = "true"', '$Env:NO_PROXY = "x"']);
  });

  it.each([
    ['bash', '/tmp/a "b" $HOME `x`', 'export DOCKER_CERT_PATH="/tmp/a \\"b\\" \\$HOME \\`x\\`"'],
    ['fish', '/tmp/a "b" $HOME', 'set -gx DOCKER_CERT_PATH "/tmp/a \\"b\\" \\$HOME";'],
    ['powershell', '/tmp/a "b" $HOME', '$Env:DOCKER_CERT_PATH = "/tmp/a `"b`" `$HOME"'],
  ] as const)('keeps unusual characters literal in %s', (shell, certPath, line) => {
    expect(renderEnv({ ...base, certPath, shell, unset: false }).split('\n')[2]).toBe(line);
  });
});

describe('renderContextEnv', () => {
  it.each([
    ['bash', 'export DOCKER_CONTEXT="gen1"\n'],
    ['fish', 'set -gx DOCKER_CONTEXT "gen1";\n'],
    ['powershell', '$Env:DOCKER_CONTEXT = "gen1"\n'],
    ['cmd', 'SET DOCKER_CONTEXT=gen1\n'],
    ['tcsh', 'setenv DOCKER_CONTEXT "gen1";\n'],
    ['emacs', '(setenv "DOCKER_CONTEXT" "gen1")\n'],
    ['nushell', '$env.DOCKER_CONTEXT = "gen1"\n'],
  ] as const)('%s', (shell, line) => {
    expect(renderContextEnv(shell, 'gen1')).toBe(line);
  });
});

describe('addToNoProxy', () => {
  it.each([
    ['', '10.0.0.1', '10.0.0.1'],
    ['example.com', '10.0.0.1', 'example.com,10.0.0.1'],
    ['10.0.0.10', '10.0.0.1', '10.0.0.10,10.0.0.1'], // docker-machine thought 10.0.0.1 was present
    ['10.0.0.1,example.com', '10.0.0.1', '10.0.0.1,example.com'],
    [' a , 10.0.0.1 ,', '10.0.0.1', 'a,10.0.0.1'],
    ['localhost,.corp', '192.168.1.5', 'localhost,.corp,192.168.1.5'],
  ])('%j + %s → %j', (list, ip, expected) => {
    expect(addToNoProxy(list, ip)).toBe(expected);
  });
});

describe('noProxyVariable', () => {
  it.each([
    [{}, { name: 'NO_PROXY', value: '' }],
    [{ NO_PROXY: 'a' }, { name: 'NO_PROXY', value: 'a' }],
    [{ no_proxy: 'b', NO_PROXY: 'a' }, { name: 'no_proxy', value: 'b' }],
    [{ no_proxy: '', NO_PROXY: 'a' }, { name: 'NO_PROXY', value: 'a' }],
  ])('%j → %j', (env, expected) => {
    expect(noProxyVariable(env)).toEqual(expected);
  });
});

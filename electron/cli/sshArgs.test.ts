import { describe, expect, it } from 'vitest';
import { parseSshArgs } from './sshArgs';

const plain = { compress: false, agentForward: false, noCommand: false, tty: null, forwards: [], command: [] };

describe("ssh's arguments after the machine name (docker-machine hands them to OpenSSH)", () => {
  it.each([
    [[], plain],
    [['ls', '-la', '/'], { ...plain, command: ['ls', '-la', '/'] }],
    [['--', 'ls', '-la', '/'], { ...plain, command: ['ls', '-la', '/'] }],
    [['-C', 'echo', 'foo'], { ...plain, compress: true, command: ['echo', 'foo'] }],
    [['-tt', 'top'], { ...plain, tty: 'always', command: ['top'] }],
    [['-t', '--', '-x'], { ...plain, tty: 'force', command: ['-x'] }],
    [['-T', '-q'], { ...plain, tty: 'never' }],
    [['-CA', 'id'], { ...plain, compress: true, agentForward: true, command: ['id'] }],
    [['-N', '-L', '8080:localhost:80'], { ...plain, noCommand: true, forwards: [{ kind: 'L', bindHost: '127.0.0.1', bindPort: 8080, host: 'localhost', hostPort: 80 }] }],
    [['-L0.0.0.0:2375:/x:1'], { ...plain, forwards: [{ kind: 'L', bindHost: '0.0.0.0', bindPort: 2375, host: '/x', hostPort: 1 }] }],
    [['-R', '[::1]:9000:127.0.0.1:22', 'sleep', '1'], { ...plain, forwards: [{ kind: 'R', bindHost: '::1', bindPort: 9000, host: '127.0.0.1', hostPort: 22 }], command: ['sleep', '1'] }],
  ])('%j', (argv, expected) => {
    expect(parseSshArgs(argv)).toEqual(expected);
  });

  it.each([
    [['-o', 'StrictHostKeyChecking=no'], /ssh option -o is not supported: Berth's ssh takes -A, -C, -N, -t, -T, -q, -L and -R/],
    [['-p', '22'], /ssh option -p is not supported/],
    [['-L'], /ssh option -L needs a value/],
    [['-L', '80:host'], /Bad -L forwarding specification "80:host"/],
    [['-R', 'x:host:22'], /"x" is not a port/],
    [['-L', '70000:h:1'], /"70000" is not a port/],
    [['-N', 'ls'], /ssh -N takes no command/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSshArgs(argv)).toThrow(message);
  });
});

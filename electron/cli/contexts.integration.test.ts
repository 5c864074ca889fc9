import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../../e2e/hosts/hosts';
import { startTestHost, testHosts } from '../../e2e/hosts/testing';
import { type BerthRun, runBerth } from '../../e2e/support/runBerth';

// A machine's docker context, used by the real docker CLI (Debian's docker.io) against the real
// daemon Berth provisioned: `docker --context NAME`, `docker context ls`, `docker context use`.

const ctx = testHosts();
const run = promisify(execFile);

describe.skipIf(!ctx)('berth context: docker CLI contexts for machines', () => {
  let host: TestHost;
  let store: string;
  let dockerConfig: string;
  const berth = (args: string[]): Promise<BerthRun> => runBerth(['-s', store, ...args], { env: { DOCKER_CONFIG: dockerConfig } });
  const docker = async (args: string[]): Promise<string> => (await run('docker', args, { env: { PATH: process.env.PATH, DOCKER_CONFIG: dockerConfig } })).stdout;
  // The docker CLI's own layout: a tab-indented config.json with keys of other tools.
  const existing = { auths: { 'registry.example': { auth: 'dTpw' } }, plugins: { buildx: { mode: 'off' } }, psFormat: 'table {{.ID}}' };

  beforeAll(async () => {
    host = await startTestHost(ctx!, { flavour: 'sshd', privileged: true });
    store = await mkdtemp(join(tmpdir(), 'berth-ctx-'));
    dockerConfig = await mkdtemp(join(tmpdir(), 'berth-docker-config-'));
    await writeFile(join(dockerConfig, 'config.json'), JSON.stringify(existing, null, '\t'));
    const made = await berth([
      'create', '-d', 'generic', '--generic-ip-address', host.host, '--generic-ssh-port', String(host.port), '--generic-ssh-user', 'berth',
      '--generic-ssh-key', host.keyPath, '--generic-engine-port', String(host.dockerPort), '--accept-host-key', 'new', 'ctx1',
    ]);
    expect(made.code).toBe(0);
  });
  afterAll(async () => {
    await host?.stop();
    await rm(store, { recursive: true, force: true });
    await rm(dockerConfig, { recursive: true, force: true });
  });

  it('creates a context the docker CLI lists and reaches the daemon through over TLS; files 0600', async () => {
    const r = await berth(['context', 'ctx1']);
    expect(r).toEqual({ code: 0, stdout: `Docker context "ctx1": tcp://127.0.0.1:${host.dockerPort} (docker --context ctx1 …)\n`, stderr: '' });
    expect(await docker(['--context', 'ctx1', 'version', '--format', '{{.Server.Version}}'])).toMatch(/^20\.10\./);
    expect(await docker(['context', 'ls', '--format', '{{.Name}} {{.DockerEndpoint}}'])).toContain(`ctx1 tcp://127.0.0.1:${host.dockerPort}`);
    const tlsDir = (await docker(['context', 'inspect', 'ctx1', '--format', '{{.Storage.TLSPath}}'])).trim();
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) expect((await stat(join(tlsDir, 'docker', f))).mode & 0o777).toBe(0o600);
    // Made, not made current: config.json is untouched.
    expect(await readFile(join(dockerConfig, 'config.json'), 'utf8')).toBe(JSON.stringify(existing, null, '\t'));
  });

  it('--use makes it current: plain `docker info` reaches the machine; every other key of config.json is kept byte for byte', async () => {
    expect((await berth(['context', '--use', 'ctx1'])).stdout).toContain('Current docker context: ctx1\n');
    expect(await readFile(join(dockerConfig, 'config.json'), 'utf8')).toBe(JSON.stringify({ ...existing, currentContext: 'ctx1' }, null, '\t'));
    expect((await docker(['info', '--format', '{{.Name}}'])).trim()).toBe('ctx1');
    expect(await berth(['context', 'ls'])).toEqual({ code: 0, stdout: 'NAME   CONTEXT   CURRENT\nctx1   yes       *\n', stderr: '' });
  });

  it('--rm removes it and stops it being current; a context of that name Berth did not make is never replaced', async () => {
    expect((await berth(['context', '--rm', 'ctx1'])).stdout).toBe('Removed docker context "ctx1"\n');
    expect(await readFile(join(dockerConfig, 'config.json'), 'utf8')).toBe(JSON.stringify(existing, null, '\t'));
    expect(await docker(['context', 'ls', '--format', '{{.Name}}'])).not.toContain('ctx1');

    await docker(['context', 'create', 'ctx1', '--docker', 'host=tcp://127.0.0.1:1']);
    const refused = await berth(['context', 'ctx1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('A docker context named "ctx1" exists and was not made by Berth: it is left as it is (remove it with docker context rm ctx1)\n');
    expect((await berth(['context', '--rm', 'ctx1'])).stdout).toBe('Machine "ctx1" has no docker context made by Berth\n');
    await docker(['context', 'rm', 'ctx1']);
  });

  it('follows the machine: refreshed by provisioning, removed with it', async () => {
    await berth(['context', 'ctx1']);
    // An address the context no longer matches (as after an IP change) is set right by the next provision.
    const meta = (await docker(['context', 'inspect', 'ctx1', '--format', '{{.Storage.MetadataPath}}'])).trim();
    const file = join(meta, 'meta.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace(`:${host.dockerPort}`, ':1'));
    expect((await berth(['context', 'ls'])).stdout).toContain('stale (tcp://127.0.0.1:1)');
    expect((await berth(['provision', 'ctx1'])).code).toBe(0);
    expect(await docker(['--context', 'ctx1', 'version', '--format', '{{.Server.Version}}'])).toMatch(/^20\.10\./);
    expect((await berth(['rm', '-y', 'ctx1'])).code).toBe(0);
    expect(await docker(['context', 'ls', '--format', '{{.Name}}'])).not.toContain('ctx1');
  });
});

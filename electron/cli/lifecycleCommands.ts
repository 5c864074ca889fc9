import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CLOUD_IMAGE_IDS } from '../../shared/cloudImages';
import { machineNameProblem } from '../../shared/machineName';
import type { EngineInstallChoice, EngineOptionsInput, GenericCreateRequest, SshAuthChoice } from '../../shared/types';
import { BerthError, machineTaken } from '../core/errors';
import { provisionMachine } from '../core/services/provisioning';
import { createGenericMachine } from '../core/drivers/generic/create';
import { removeMachine } from '../core/services/removal';
import { type PowerAction, powerAction, regenerateCerts, upgradeMachine } from '../core/services/lifecycle';
import { createQemuMachine } from '../core/drivers/qemu/create';
import { createNoneMachine } from '../core/drivers/none/create';
import { machineSshTarget } from '../core/ssh/machineSsh';
import { type FlagSpec, UsageError } from './args';
import type { Command, CommandContext } from './commands';
import { ACCEPT_NEW, ask, hostKeyToAccept, readStdinLine } from './prompt';
import { printer } from './longCommand';
import { CREATE_FLAGS, validRequest } from './validate';
import { createVirtualboxFromFlags, VIRTUALBOX_FLAGS } from './virtualboxCreate';

const list = (v: unknown): string[] => (v as string[] | undefined) ?? [];

function defaultAuth(keyFlag: string | undefined): SshAuthChoice {
  if (keyFlag) return { kind: 'key', keyPath: keyFlag };
  if (process.env.SSH_AUTH_SOCK) return { kind: 'agent' };
  const key = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => join(homedir(), '.ssh', f)).find((p) => existsSync(p));
  if (key) return { kind: 'key', keyPath: key };
  throw new UsageError('No SSH credentials: give --generic-ssh-key PATH or --generic-ssh-password-stdin, or run an ssh-agent');
}

function engineChoice(flags: CommandContext['flags']): EngineInstallChoice {
  const kind = (flags['engine-install'] as string | undefined) ?? 'distro';
  const channel = (flags['engine-channel'] as string | undefined) ?? 'stable';
  if (channel !== 'stable' && channel !== 'test') throw new UsageError(`--engine-channel is stable or test, not "${channel}"`);
  const version = flags['engine-version'] as string | undefined;
  if (kind === 'distro' || kind === 'keep' || kind === 'adopt') {
    if (version) throw new UsageError('--engine-version needs --engine-install docker-ce');
    return { kind };
  }
  if (kind === 'docker-ce') return { kind, channel, ...(version ? { version } : {}) };
  throw new UsageError(`--engine-install is distro, docker-ce, keep or adopt, not "${kind}"`);
}

/** --accept-host-key for a machine's connection: a fingerprint as given, `new` as the key its host offers now if none is pinned. */
async function acceptFlag(ctx: CommandContext, name: string): Promise<string | undefined> {
  const flag = ctx.flags['accept-host-key'] as string | undefined;
  if (flag !== ACCEPT_NEW) return flag;
  const { host, port } = machineSshTarget(await ctx.machines.record(name));
  return hostKeyToAccept(host, port, ctx.machines.storePath, flag, false);
}

/** Runs one action on every named machine in parallel (as docker-machine does); fails if any failed. */
async function onEach(names: string[], action: (name: string) => Promise<void>): Promise<void> {
  if (names.length === 0) throw new UsageError('Error: expected at least one machine name');
  const results = await Promise.allSettled(names.map(action));
  const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failed.length === 1 && names.length === 1) throw failed[0];
  if (failed.length > 0) throw new BerthError('PROVISION_FAILED', failed.map((e) => e.message).join('\n'));
}

/** docker-machine's lines after a power action (libmachine's host.go), before Berth's state line. */
const NEW_ADDRESS_HINT = (verb: string): string => `${verb} machines may have new IP addresses. You may need to re-run the \`berth env\` command.\n`;
const POWER_DONE: Record<PowerAction, (name: string) => string> = {
  start: (name) => `Machine "${name}" was started.\n${NEW_ADDRESS_HINT('Started')}`,
  stop: (name) => `Machine "${name}" was stopped.\n`,
  restart: () => NEW_ADDRESS_HINT('Restarted'),
  kill: (name) => `Machine "${name}" was killed.\n`,
};

function powerCommand(action: PowerAction, gerund: string): Command {
  return {
    usage: `${action} [--sudo-password-stdin] NAME...   ${gerund[0]!.toUpperCase()}${gerund.slice(1)} machines (in parallel)`,
    flags: [
      { names: ['sudo-password-stdin'], kind: 'bool' },
      { names: ['debug', 'D'], kind: 'bool' },
    ],
    async run(ctx) {
      const sudoPassword = ctx.flags['sudo-password-stdin'] ? await readStdinLine() : undefined;
      await onEach(ctx.args, async (name) => {
        ctx.out(`${gerund[0]!.toUpperCase()}${gerund.slice(1)} "${name}"...\n`);
        const status = await powerAction(ctx.machines, name, action, { ...printer(ctx), sudoPassword });
        ctx.out(`${POWER_DONE[action](name)}"${name}" is ${status.state}${status.dockerVersion !== 'Unknown' ? ` (Docker ${status.dockerVersion})` : ''}\n`);
      });
    },
  };
}

/** docker-machine's --engine-* option flags as the wizard's engine options. */
function engineOptionFlags(f: CommandContext['flags']): EngineOptionsInput {
  return {
    labels: list(f['engine-label']),
    insecureRegistries: list(f['engine-insecure-registry']),
    registryMirrors: list(f['engine-registry-mirror']),
    storageDriver: (f['engine-storage-driver'] as string | undefined) ?? '',
    env: list(f['engine-env']),
    flags: list(f['engine-opt']),
  };
}

/** Berth's flags for which Docker Engine to install (create) or move to (upgrade). */
const ENGINE_CHOICE_FLAGS: FlagSpec[] = [
  { names: ['engine-install'], kind: 'string' },
  { names: ['engine-version'], kind: 'string' },
  { names: ['engine-channel'], kind: 'string' },
];

export const LIFECYCLE_COMMANDS: Record<string, Command> = {
  start: powerCommand('start', 'starting'),
  stop: powerCommand('stop', 'stopping'),
  restart: powerCommand('restart', 'restarting'),
  kill: powerCommand('kill', 'killing'),

  'regenerate-certs': {
    usage: 'regenerate-certs [-f] [--sudo-password-stdin] NAME...   New server certificates for the recorded addresses, Docker restarted',
    flags: [
      { names: ['force', 'f'], kind: 'bool' },
      { names: ['sudo-password-stdin'], kind: 'bool' },
      { names: ['accept-host-key'], kind: 'string' },
      { names: ['debug', 'D'], kind: 'bool' },
    ],
    async run(ctx) {
      if (!ctx.flags.force) {
        if (!process.stdin.isTTY) throw new UsageError('Refusing to regenerate certificates without confirmation: add -f');
        if (!(await ask(`Regenerate TLS machine certs?  Warning: this is irreversible. (y/n): `))) return;
      }
      const sudoPassword = ctx.flags['sudo-password-stdin'] ? await readStdinLine() : undefined;
      await onEach(ctx.args, async (name) => {
        const acceptHostKey = await acceptFlag(ctx, name);
        ctx.out(`Regenerating TLS certificates for "${name}"\n`);
        await regenerateCerts(ctx.machines, name, { sudoPassword, acceptHostKey }, printer(ctx));
      });
    },
  },

  upgrade: {
    usage: 'upgrade [--engine-install distro|docker-ce] [--engine-channel C] [--engine-version V] NAME...   Upgrade Docker Engine',
    flags: [
      ...ENGINE_CHOICE_FLAGS,
      { names: ['sudo-password-stdin'], kind: 'bool' },
      { names: ['debug', 'D'], kind: 'bool' },
    ],
    async run(ctx) {
      const f = ctx.flags;
      const engine = f['engine-install'] || f['engine-version'] || f['engine-channel'] ? engineChoice(f) : undefined;
      for (const name of ctx.args) validRequest('machine.upgrade', { name, ...(engine ? { engine } : {}) }, CREATE_FLAGS);
      const sudoPassword = f['sudo-password-stdin'] ? await readStdinLine() : undefined;
      await onEach(ctx.args, async (name) => {
        ctx.out(`Upgrading Docker on "${name}"...\n`);
        const result = await upgradeMachine(ctx.machines, name, engine, { sudoPassword }, printer(ctx));
        ctx.out(`${result.message}\n`);
      });
    },
  },

  create: {
    usage: 'create -d generic --generic-ip-address IP | -d qemu --qemu-image IMAGE | -d virtualbox --virtualbox-image IMAGE | -d none --url tcp://HOST:PORT [flags] NAME   Create a machine (see README for every flag)',
    flags: [
      { names: ['driver', 'd'], kind: 'string' },
      { names: ['url'], kind: 'string' },
      { names: ['generic-ip-address'], kind: 'string' },
      { names: ['generic-ssh-user'], kind: 'string' },
      { names: ['generic-ssh-key'], kind: 'string' },
      { names: ['generic-ssh-port'], kind: 'int' },
      { names: ['generic-engine-port'], kind: 'int' },
      { names: ['generic-ssh-password-stdin'], kind: 'bool' },
      { names: ['sudo-password-stdin'], kind: 'bool' },
      { names: ['engine-opt'], kind: 'list' },
      { names: ['engine-label'], kind: 'list' },
      { names: ['engine-insecure-registry'], kind: 'list' },
      { names: ['engine-registry-mirror'], kind: 'list' },
      { names: ['engine-storage-driver'], kind: 'string' },
      { names: ['engine-env'], kind: 'list' },
      { names: ['tls-san'], kind: 'list' },
      ...ENGINE_CHOICE_FLAGS,
      { names: ['accept-host-key'], kind: 'string' },
      { names: ['no-hostname'], kind: 'bool' },
      { names: ['qemu-image'], kind: 'string' },
      { names: ['qemu-image-checksum'], kind: 'string' },
      { names: ['qemu-kernel'], kind: 'string' },
      { names: ['qemu-initrd'], kind: 'string' },
      { names: ['qemu-append'], kind: 'string' },
      { names: ['qemu-cpu-count'], kind: 'int' },
      { names: ['qemu-memory'], kind: 'int' },
      { names: ['qemu-disk-size'], kind: 'int' },
      { names: ['qemu-accel'], kind: 'string' },
      { names: ['qemu-fresh'], kind: 'bool' },
      ...VIRTUALBOX_FLAGS,
      { names: ['debug', 'D'], kind: 'bool' },
    ],
    async run(ctx) {
      const f = ctx.flags;
      const driver = (f.driver as string | undefined) ?? 'generic';
      if (!['generic', 'qemu', 'virtualbox', 'none'].includes(driver)) throw new UsageError(`Driver "${driver}" is not available; Berth has: generic, qemu, virtualbox, none`);
      const name = ctx.args[0];
      if (!name || ctx.args.length > 1) throw new UsageError('Error: expected one machine name');
      // docker-machine's order: a taken name is refused before any host is contacted.
      if (!machineNameProblem(name) && existsSync(ctx.machines.store.machineDir(name))) throw new BerthError('INVALID_NAME', machineTaken(name));
      if (driver === 'none') {
        const url = f.url as string | undefined;
        // docker-machine's words when the URL is missing.
        if (!url) throw new UsageError('--url option is required when no driver is selected');
        const { request } = validRequest('machine.createNone', { request: { name, url } }, CREATE_FLAGS);
        ctx.out(`Adding "${name}" at ${url}...\n`);
        const status = await createNoneMachine(ctx.machines, request, printer(ctx));
        ctx.out(`Docker ${status.dockerVersion} answers at ${status.url}; nothing on the host was changed\n`);
        ctx.out(`To see how to connect your Docker Client to the Docker Engine running on this machine, run: berth env ${name}\n`);
        return;
      }
      if (driver === 'virtualbox') return createVirtualboxFromFlags(ctx, name, engineChoice(f), engineOptionFlags(f));
      if (driver === 'qemu') {
        const image = f['qemu-image'] as string | undefined;
        if (!image) throw new UsageError(`--qemu-image is required: ${CLOUD_IMAGE_IDS.join(', ')}, an http(s) URL of a qcow2 cloud image, or a local file`);
        const accel = f['qemu-accel'] as string | undefined;
        const { request } = validRequest(
          'machine.createQemu',
          {
            request: {
              name,
              image,
              ...(f['qemu-image-checksum'] ? { imageChecksum: f['qemu-image-checksum'] as string } : {}),
              ...(f['qemu-kernel'] ? { kernel: f['qemu-kernel'] as string } : {}),
              ...(f['qemu-initrd'] ? { initrd: f['qemu-initrd'] as string } : {}),
              ...(f['qemu-append'] ? { append: f['qemu-append'] as string } : {}),
              cpus: (f['qemu-cpu-count'] as number | undefined) ?? 2,
              memoryMb: (f['qemu-memory'] as number | undefined) ?? 2048,
              diskSizeMb: (f['qemu-disk-size'] as number | undefined) ?? 20_000,
              ...(accel ? { accel } : {}),
              engine: engineChoice(f),
              ...(f['qemu-fresh'] ? { fresh: true } : {}),
              engineOptions: engineOptionFlags(f),
            },
          },
          CREATE_FLAGS,
        );
        const { previewBase } = await import('../core/drivers/qemu/baseSteps');
        const base = await previewBase(ctx.machines.storePath, request);
        const on = base ? ` on the Docker-ready base ${base.id} (Docker ${base.dockerVersion}, made from ${base.madeFrom} on ${base.createdAt.slice(0, 10)}; --qemu-fresh installs from scratch)` : '';
        ctx.out(`Creating VM "${name}" from ${image}${on}...\n`);
        const status = await createQemuMachine(ctx.machines, request, printer(ctx));
        ctx.out(`Docker is up and running: ${status.dockerVersion} at ${status.url}\n`);
        return;
      }
      const host = f['generic-ip-address'] as string | undefined;
      if (!host) throw new UsageError('--generic-ip-address is required');
      const port = (f['generic-ssh-port'] as number | undefined) ?? 22;
      let auth: SshAuthChoice;
      let sudoPassword: string | undefined;
      if (f['generic-ssh-password-stdin']) {
        const password = await readStdinLine();
        auth = { kind: 'password', password };
        sudoPassword = password;
      } else {
        auth = defaultAuth(f['generic-ssh-key'] as string | undefined);
        if (f['sudo-password-stdin']) sudoPassword = await readStdinLine();
      }
      const interactive = Boolean(process.stdin.isTTY) && !f['generic-ssh-password-stdin'] && !f['sudo-password-stdin'];
      const given = f['accept-host-key'] as string | undefined;
      // Checked in full before the host is contacted or anything is written.
      const { request: checked } = validRequest(
        'machine.create',
        {
          request: {
            name,
            host,
            port,
            user: (f['generic-ssh-user'] as string | undefined) ?? 'root',
            auth,
            ...(sudoPassword !== undefined ? { sudoPassword } : {}),
            enginePort: (f['generic-engine-port'] as number | undefined) ?? 2376,
            engine: engineChoice(f),
            engineOptions: engineOptionFlags(f),
            extraSans: list(f['tls-san']),
            setHostname: !f['no-hostname'],
            ...(given && given !== ACCEPT_NEW ? { acceptHostKey: given } : {}),
          },
        },
        CREATE_FLAGS,
      );
      const request: GenericCreateRequest = { ...checked, acceptHostKey: await hostKeyToAccept(host, port, ctx.machines.storePath, given, interactive) };
      ctx.out(`Creating machine "${name}" on ${request.user}@${host}:${port}...\n`);
      const status = await createGenericMachine(ctx.machines, request, printer(ctx));
      ctx.out(`Docker is up and running: ${status.dockerVersion} at ${status.url}\n`);
      ctx.out(`To see how to connect your Docker Client to the Docker Engine running on this machine, run: berth env ${name}\n`);
    },
  },

  provision: {
    usage: 'provision [--sudo-password-stdin] NAME...   Provision machines again (in parallel)',
    flags: [
      { names: ['sudo-password-stdin'], kind: 'bool' },
      { names: ['accept-host-key'], kind: 'string' },
      { names: ['debug', 'D'], kind: 'bool' },
    ],
    async run(ctx) {
      const sudoPassword = ctx.flags['sudo-password-stdin'] ? await readStdinLine() : undefined;
      await onEach(ctx.args, async (name) => {
        const acceptHostKey = await acceptFlag(ctx, name);
        await provisionMachine(ctx.machines, name, { sudoPassword, acceptHostKey }, printer(ctx));
      });
    },
  },

  rm: {
    usage: 'rm [-y] [-f] [--disable-remote-tls [--sudo-password-stdin]] NAME...   Remove machines (a generic host keeps running: only the local record goes)',
    flags: [
      { names: ['y'], kind: 'bool' },
      { names: ['force', 'f'], kind: 'bool' },
      { names: ['disable-remote-tls'], kind: 'bool' },
      { names: ['sudo-password-stdin'], kind: 'bool' },
    ],
    async run(ctx) {
      if (ctx.args.length === 0) throw new UsageError('Error: expected at least one machine name');
      // docker-machine's lines, word for word (callers read them), though a generic host is never deleted.
      ctx.out(`About to remove ${ctx.args.join(', ')}\nWARNING: This action will delete both local reference and remote instance.\n`);
      if (!ctx.flags.y && !ctx.flags.force) {
        if (!process.stdin.isTTY) throw new UsageError('Refusing to remove without confirmation: add -y');
        if (!(await ask('Are you sure? (y/n): '))) return;
      }
      const disableRemoteTls = Boolean(ctx.flags['disable-remote-tls']);
      const sudoPassword = ctx.flags['sudo-password-stdin'] ? await readStdinLine() : undefined;
      for (const name of ctx.args) {
        const remote = await removeMachine(ctx.machines, name, { disableRemoteTls, sudoPassword, force: Boolean(ctx.flags.force) });
        if (remote) ctx.out(`(${name}) ${remote}\n`);
        ctx.out(`Successfully removed ${name}\n`);
      }
    },
  },
};

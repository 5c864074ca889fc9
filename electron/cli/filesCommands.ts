import { formatTransfer } from '../../shared/formatTransfer';
import { BerthError } from '../core/errors';
import { copyPath, type Side } from '../core/files/fileCopy';
import { RemoteFs } from '../core/files/remoteFs';
import { runRsync } from '../core/files/rsyncDelta';
import { describeLocation, type Location, parseLocation } from '../core/files/scpLocation';
import { capable } from '../core/services/capable';
import { mountFolder, unmountFolder } from '../core/services/machineMounts';
import { knownHostsPath } from '../core/ssh/hostKeys';
import type { SshSession } from '../core/ssh/sshSession';
import { UsageError } from './args';
import type { Command, CommandContext } from './commands';
import { connectForCommand } from './prompt';

const acceptFlag = { names: ['accept-host-key'], kind: 'string' as const };
const interactive = (): boolean => Boolean(process.stdin.isTTY && process.stderr.isTTY);

/** A machine's SSH connection for a location, with the same key, host-key and login rules as `berth ssh`. */
async function connect(ctx: CommandContext, loc: Location & { machine: string }): Promise<SshSession> {
  const record = await capable(ctx.machines, loc.machine, 'ssh');
  return connectForCommand(record, ctx.flags['accept-host-key'] as string | undefined, interactive(), { user: loc.user ?? undefined });
}

/** scp's progress meter on stderr, when it is a terminal: one line per file, rewritten in place. */
function progressMeter(): (file: string, done: number, total: number) => void {
  let started = Date.now();
  let shown = 0;
  let current = '';
  return (file, done, total) => {
    const now = Date.now();
    if (file !== current) [current, started, shown] = [file, now, 0];
    const finished = done >= total;
    if (!finished && now - shown < 100) return;
    shown = now;
    const rate = done / Math.max((now - started) / 1000, 0.001) / 1e6;
    process.stderr.write(`\r${file}  ${formatTransfer(done, total)}  ${rate.toFixed(1)} MB/s\x1b[K${finished ? '\n' : ''}`);
  };
}

/**
 * docker-machine's `scp [-r] [-q] [-d] [USER@]MACHINE:SRC [USER@]MACHINE:DST`: this computer to a
 * machine, back, or machine to machine (streamed through here, as `scp -3`); over SFTP with ssh2's
 * pipelined transfers, or with `-d` through rsync over the system's ssh with Berth's pinned keys.
 */
export const SCP_COMMAND: Command = {
  usage: 'scp [-r] [-q] [-d] [--accept-host-key SHA256:…|new] [[USER@]MACHINE:]SRC [[USER@]MACHINE:]DST   Copy files between this computer and machines',
  flags: [{ names: ['recursive', 'r'], kind: 'bool' }, { names: ['quiet', 'q'], kind: 'bool' }, { names: ['delta', 'd'], kind: 'bool' }, acceptFlag],
  async run(ctx) {
    if (ctx.args.length !== 2) throw new UsageError('Error: scp takes a source and a destination, e.g. berth scp ./app.tar dev:/tmp/');
    const [src, dst] = ctx.args.map((a) => parseLocation(a)) as [Location, Location];
    const recursive = Boolean(ctx.flags.recursive);
    const quiet = Boolean(ctx.flags.quiet);
    if (ctx.flags.delta) {
      const remote = src.machine !== null ? src : dst;
      if (src.machine !== null && dst.machine !== null) throw new BerthError('UNSUPPORTED', 'Error: -d copies between this computer and one machine (rsync cannot copy from one remote host to another)');
      if (remote.machine === null) throw new UsageError('Error: -d needs one end on a machine (MACHINE:PATH)');
      const ssh = await connect(ctx, remote as Location & { machine: string });
      try {
        const code = await runRsync({ remote: src.machine !== null ? 'src' : 'dst', src: src.path, dst: dst.path, recursive, quiet }, remote.machine, ssh, knownHostsPath(ctx.machines.storePath));
        if (code !== 0) throw new BerthError('INTERNAL', `rsync exited with ${code} copying ${describeLocation(src)} to ${describeLocation(dst)}`);
      } finally {
        ssh.close();
      }
      return;
    }
    const sessions: SshSession[] = [];
    const side = async (loc: Location): Promise<Side> => {
      if (loc.machine === null) return { kind: 'local' };
      const ssh = await connect(ctx, loc);
      sessions.push(ssh);
      return { kind: 'remote', label: loc.machine, fs: await RemoteFs.open(ssh) };
    };
    // Ctrl+C ends the transfer at once: the connections close under it.
    const stop = (): void => sessions.forEach((s) => s.close());
    process.once('SIGINT', stop);
    try {
      const from = await side(src);
      const to = await side(dst);
      await copyPath(from, src.path, to, dst.path, { recursive, onProgress: !quiet && process.stderr.isTTY ? progressMeter() : undefined });
    } finally {
      process.off('SIGINT', stop);
      stop();
    }
  },
};

/** docker-machine's `mount [-u] MACHINE:REMOTE LOCAL` through sshfs. */
export const MOUNT_COMMAND: Command = {
  usage: 'mount [-u] [--accept-host-key SHA256:…|new] MACHINE:REMOTE LOCAL   Mount (or with -u unmount) a machine\'s folder with sshfs',
  flags: [{ names: ['unmount', 'u'], kind: 'bool' }, acceptFlag],
  async run(ctx) {
    if (ctx.args.length !== 2) throw new UsageError('Error: mount takes MACHINE:REMOTE and a local folder, e.g. berth mount dev:/srv/app ./app');
    const remote = parseLocation(ctx.args[0]!);
    if (remote.machine === null) throw new UsageError(`Error: ${JSON.stringify(ctx.args[0])} names no machine (MACHINE:REMOTE)`);
    const local = ctx.args[1]!;
    if (ctx.flags.unmount) return void (await unmountFolder(ctx.machines, remote.machine, local));
    // Asked here (a terminal may answer); mountFolder's own check then connects with the answer.
    const ssh = await connect(ctx, remote);
    ssh.close();
    await mountFolder(ctx.machines, remote.machine, remote.path, local);
  },
};

export const FILES_COMMANDS: Record<string, Command> = { scp: SCP_COMMAND, mount: MOUNT_COMMAND };

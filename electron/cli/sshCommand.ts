import type { ClientChannel } from 'ssh2';
import { startForwards } from '../core/ssh/portForward';
import type { SshSession } from '../core/ssh/sshSession';
import { UsageError } from './args';
import type { Command } from './commands';
import { connectForCommand } from './prompt';
import { parseSshArgs } from './sshArgs';
import { capable } from '../core/services/capable';

/** Streams a channel to this process's stdio and resolves with the remote exit code (255 if lost). */
function pipeChannel(channel: ClientChannel, forwardStdin: boolean): Promise<number> {
  return new Promise((resolve) => {
    let code: number | null = null;
    channel.on('exit', (c: number | null) => {
      code = c;
    });
    channel.pipe(process.stdout, { end: false });
    channel.stderr.pipe(process.stderr, { end: false });
    if (forwardStdin) process.stdin.pipe(channel);
    channel.on('close', () => {
      if (forwardStdin) process.stdin.unpipe(channel);
      resolve(code ?? 255);
    });
  });
}

/** Until the connection ends or the user interrupts (`-N`: the connection only carries forwards). */
function untilClosedOrInterrupted(ssh: SshSession): Promise<number> {
  return new Promise((resolve) => {
    const stop = (): void => resolve(0);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    void ssh.closed().then(() => resolve(255));
  });
}

/**
 * docker-machine's `ssh NAME [--] [ssh options…] [COMMAND…]`: an interactive shell on a terminal, or
 * the command run remotely with its exit code passed through; OpenSSH's -A -C -N -t -T -L -R; the
 * machine's own key and pinned host key.
 */
export const SSH_COMMAND: Command = {
  usage: 'ssh [--accept-host-key SHA256:…|new] NAME [--] [-A] [-C] [-N] [-t|-T] [-L|-R SPEC]... [COMMAND...]   Log into or run a command on a machine with SSH',
  stopAtPositional: true,
  flags: [{ names: ['accept-host-key'], kind: 'string' }],
  async run(ctx) {
    const [name, ...rest] = ctx.args;
    if (!name) throw new UsageError('Error: expected a machine name');
    const opts = parseSshArgs(rest);
    const record = await capable(ctx.machines, name, 'ssh');
    const localTty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    const ssh = await connectForCommand(record, ctx.flags['accept-host-key'] as string | undefined, localTty, { compress: opts.compress, agentForward: opts.agentForward });
    let stopForwards = (): void => undefined;
    try {
      if (opts.forwards.length > 0) stopForwards = await startForwards(ssh.client, opts.forwards, (text) => process.stderr.write(text));
      if (opts.noCommand) return await untilClosedOrInterrupted(ssh);
      // As ssh does: the words are joined and the remote shell parses them.
      const command = opts.command.length > 0 ? opts.command.join(' ') : null;
      const pty = opts.tty === 'always' || (opts.tty === 'force' && localTty) || (opts.tty === null && command === null && localTty);
      if (!pty) return await pipeChannel(await ssh.openChannel(command, null), command === null || !process.stdin.isTTY);
      const size = (): { cols: number; rows: number } => ({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 });
      const channel = await ssh.openChannel(command, size());
      const onResize = (): void => {
        const { cols, rows } = size();
        channel.setWindow(rows, cols, 0, 0);
      };
      process.stdout.on('resize', onResize);
      if (process.stdin.isTTY) process.stdin.setRawMode(true);
      try {
        return await pipeChannel(channel, true);
      } finally {
        if (process.stdin.isTTY) process.stdin.setRawMode(false);
        process.stdin.pause();
        process.stdout.off('resize', onResize);
      }
    } finally {
      stopForwards();
      ssh.close();
    }
  },
};

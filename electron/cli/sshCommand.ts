import type { ClientChannel } from 'ssh2';
import { connectMachine, machineSshTarget } from '../core/ssh/machineSsh';
import { UsageError } from './args';
import type { Command } from './commands';
import { hostKeyToAccept } from './prompt';

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

/**
 * docker-machine's `ssh NAME [COMMAND...]`: an interactive shell on a terminal, or the command run
 * remotely with its exit code passed through; the machine's own key and pinned host key.
 */
export const SSH_COMMAND: Command = {
  usage: 'ssh [--accept-host-key SHA256:…] NAME [COMMAND...]   Log into or run a command on a machine with SSH',
  stopAtPositional: true,
  flags: [{ names: ['accept-host-key'], kind: 'string' }],
  async run(ctx) {
    const [name, ...command] = ctx.args;
    if (!name) throw new UsageError('Error: expected a machine name');
    const record = await ctx.machines.record(name);
    const target = machineSshTarget(record);
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    const acceptHostKey = await hostKeyToAccept(target.host, target.port, ctx.machines.storePath, ctx.flags['accept-host-key'] as string | undefined, interactive);
    const ssh = await connectMachine(record, { acceptHostKey });
    try {
      if (command.length > 0) {
        // As ssh does: the words are joined and the remote shell parses them.
        const channel = await ssh.openChannel(command.join(' '), null);
        return await pipeChannel(channel, !process.stdin.isTTY);
      }
      if (!interactive) return await pipeChannel(await ssh.openChannel(null, null), true);
      const size = (): { cols: number; rows: number } => ({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 });
      const channel = await ssh.openChannel(null, size());
      const onResize = (): void => {
        const { cols, rows } = size();
        channel.setWindow(rows, cols, 0, 0);
      };
      process.stdout.on('resize', onResize);
      process.stdin.setRawMode(true);
      try {
        return await pipeChannel(channel, true);
      } finally {
        process.stdin.setRawMode(false);
        process.stdin.pause();
        process.stdout.off('resize', onResize);
      }
    } finally {
      ssh.close();
    }
  },
};

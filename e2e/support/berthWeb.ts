import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const BERTH_WEB = fileURLToPath(new URL('../../bin/berth-web.mjs', import.meta.url));

export interface BerthWeb {
  url: string;
  origin: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts `npm run web`'s entry on a store, exactly as a user would, and waits for its one line. */
export async function startBerthWeb(store: string, env: NodeJS.ProcessEnv = {}): Promise<BerthWeb> {
  const token = randomBytes(32).toString('hex');
  const child: ChildProcess = spawn(process.execPath, [BERTH_WEB, '-s', store, '--port', '0'], {
    env: { ...process.env, BERTH_TOKEN: token, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`berth web exited with ${code}: ${stderr}`)));
  });
  const match = /^Berth is listening on (http:\/\/127\.0\.0\.1:\d+)\/#token=([0-9a-f]{64})$/.exec(line);
  if (!match) throw new Error(`Unexpected first line from berth web: ${line}`);
  return {
    url: `${match[1]}/#token=${match[2]}`,
    origin: match[1]!,
    token,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

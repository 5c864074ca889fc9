import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/core';
import { nodePlatform } from '../core/platform/platform';
import { defaultStorePath } from '../core/store/storePaths';
import { startWebHost } from './webHost';

function parseArgs(argv: string[]): { port: number; storePath: string; storeFrom: 'env' | 'flag' | 'default' } {
  let port = 0;
  let storePath = defaultStorePath();
  let storeFrom: 'env' | 'flag' | 'default' = process.env.MACHINE_STORAGE_PATH ? 'env' : 'default';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--port') {
      port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${argv[i]}`);
    } else if (arg === '-s' || arg === '--storage-path') {
      storePath = value();
      storeFrom = 'flag';
    } else {
      throw new Error(`Unknown option ${arg} (options: --port N, -s/--storage-path PATH)`);
    }
  }
  return { port, storePath, storeFrom };
}

async function main(): Promise<void> {
  const { port, storePath, storeFrom } = parseArgs(process.argv.slice(2));
  const token = process.env.BERTH_TOKEN || randomBytes(32).toString('hex');
  if (!/^[0-9a-fA-F]{32,}$/.test(token)) {
    throw new Error('BERTH_TOKEN must be at least 32 hex characters (e.g. openssl rand -hex 32); leave it unset for a random one');
  }
  // The token opens every machine: no child (a Shell tab, ssh, QEMU) may inherit it.
  delete process.env.BERTH_TOKEN;
  const core = createCore({ storePath, storeFrom, platform: nodePlatform });
  const host = await startWebHost({
    core,
    token,
    port,
    rendererDir: fileURLToPath(new URL('../../out/renderer', import.meta.url)),
  });
  process.stdout.write(`Berth is listening on ${host.url}\n`);
  const stop = (): void => {
    core.close();
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`berth web: ${(err as Error).message}\n`);
  process.exit(1);
});

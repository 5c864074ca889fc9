import { inject } from 'vitest';
import { startHost, type StartHostOptions, type TestHost } from './hosts';
import type { TestKey } from './keys';

export interface RunContext {
  runId: string;
  key: TestKey;
  ownerPid: number;
}

export type TestHostsContext = RunContext | { unavailable: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testHosts: TestHostsContext;
  }
}

/** The run's test-host context, or null (with the reason printed) where hosts cannot be made here. */
export function testHosts(): RunContext | null {
  const ctx = inject('testHosts');
  if ('unavailable' in ctx) {
    console.log(`[test hosts] skipped: ${ctx.unavailable}`);
    return null;
  }
  return ctx;
}

/** Starts a host for this run and says how long it took. */
export async function startTestHost(
  ctx: RunContext,
  opts: Omit<StartHostOptions, 'runId' | 'key' | 'ownerPid'>,
): Promise<TestHost> {
  const started = Date.now();
  const host = await startHost({ ...opts, runId: ctx.runId, key: ctx.key, ownerPid: ctx.ownerPid });
  const kind = `${opts.flavour}${opts.privileged ? ', privileged' : ''}`;
  console.log(`[test hosts] ${kind} host answered SSH in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return host;
}

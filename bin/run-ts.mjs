// Runs one of the core's TypeScript entry points in plain Node (no build step, no Electron).
import { register } from 'tsx/esm/api';

export async function runTs(relativeEntry) {
  register();
  await import(new URL(`../${relativeEntry}`, import.meta.url).href);
}

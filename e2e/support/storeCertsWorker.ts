// One process of the store-race test: what `berth create` does with the store's TLS material for a
// new machine (ensure the CA and client cert, copy them into the machine's directory).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { copyClientCertsToMachine, ensureStoreCerts } from '../../electron/core/tls/certs';

const [store, name] = process.argv.slice(2) as [string, string];
const dir = join(store, 'machines', name);
await mkdir(dir, { recursive: true });
const { paths } = await ensureStoreCerts(store);
await copyClientCertsToMachine(paths, dir);

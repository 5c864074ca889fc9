import type { Platform } from '../platform/platform';
import { aboutInfo } from '../services/appInfo';
import type { MachineService } from '../services/machineService';
import type { Handlers } from './dispatcher';

/** Maps each IPC channel to the core service that answers it; no logic of its own. */
export function createHandlers(machines: MachineService, platform: Platform): Handlers {
  return {
    'app.about': () => aboutInfo(machines.storePath),
    'machines.list': () => machines.listing(),
    'machine.status': ({ name, timeoutMs }) => machines.status(name, { timeoutMs, useChosenActive: true }),
    'machine.env': ({ name, ...opts }) => machines.env(name, opts).then((text) => ({ text })),
    'machine.setActive': ({ name }) => machines.setChosenActive(name).then((chosenActive) => ({ chosenActive })),
    'clipboard.writeText': ({ text }) => platform.writeClipboardText(text).then((copied) => ({ copied })),
  };
}

import type { Driver } from './driver';
import { genericDriver } from './generic';
import { noneDriver } from './none';
import { qemuDriver } from './qemu';
import { unsupportedDriver } from './unsupported';

const DRIVERS: ReadonlyMap<string, Driver> = new Map([genericDriver, qemuDriver, noneDriver].map((d) => [d.name, d]));

export function driverFor(name: string): Driver {
  return DRIVERS.get(name) ?? unsupportedDriver(name);
}

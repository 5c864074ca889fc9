import type { Driver } from './driver';
import { genericDriver } from './generic/driver';
import { noneDriver } from './none/driver';
import { qemuDriver } from './qemu/driver';
import { unsupportedDriver } from './unsupported';

const DRIVERS: ReadonlyMap<string, Driver> = new Map([genericDriver, qemuDriver, noneDriver].map((d) => [d.name, d]));

export function driverFor(name: string): Driver {
  return DRIVERS.get(name) ?? unsupportedDriver(name);
}

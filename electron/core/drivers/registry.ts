import type { Driver } from './driver';
import { genericDriver } from './generic/driver';
import { noneDriver } from './none/driver';
import { qemuDriver } from './qemu/driver';
import { unsupportedDriver } from './unsupported';
import { virtualboxDriver } from './virtualbox/driver';

const DRIVERS: ReadonlyMap<string, Driver> = new Map([genericDriver, qemuDriver, virtualboxDriver, noneDriver].map((d) => [d.name, d]));

export function driverFor(name: string): Driver {
  return DRIVERS.get(name) ?? unsupportedDriver(name);
}

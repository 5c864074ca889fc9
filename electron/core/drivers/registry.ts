import type { Driver } from './driver';
import { genericDriver } from './generic';
import { unsupportedDriver } from './unsupported';

const DRIVERS: ReadonlyMap<string, Driver> = new Map([[genericDriver.name, genericDriver]]);

export function driverFor(name: string): Driver {
  return DRIVERS.get(name) ?? unsupportedDriver(name);
}

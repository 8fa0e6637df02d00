// One factory: the LED backend comes from config.
import type { LedsConfig } from '../../config/schema.js';
import { LedDriver } from './driver.js';
import { SysfsGpioLeds } from './gpio-sysfs.js';
import { VirtualLeds } from './virtual.js';

export { patternFor, type KioskCondition } from './pattern.js';
export { LedDriver } from './driver.js';
export { VirtualLeds, type LedTransition } from './virtual.js';
export type { LedPattern, LedName } from './types.js';

export function createLeds(config: LedsConfig, deps: { now?: () => Date; onError?: (message: string) => void } = {}): { driver: LedDriver; virtual: VirtualLeds | null } {
  if (config.type === 'virtual') {
    const virtual = new VirtualLeds(deps.now);
    return { driver: new LedDriver(virtual, config.blinkMs, deps.onError), virtual };
  }
  const output = new SysfsGpioLeds({ root: config.sysfsRoot, chipBase: config.chipBase, pins: config.pins, activeLow: config.activeLow });
  return { driver: new LedDriver(output, config.blinkMs, deps.onError), virtual: null };
}

// The health LEDs follow the kiosk's overall health: amber while starting,
// then the pattern for the worst part's level, updated on every change.
import { createLeds, patternFor, type LedDriver, type VirtualLeds } from '../../drivers/leds/index.js';
import type { KioskContext } from '../context.js';

export interface HealthLeds {
  driver: LedDriver;
  virtual: VirtualLeds | null;
  /** call once the kiosk serves consumers: leaves the 'starting' pattern */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHealthLeds(ctx: KioskContext): Promise<HealthLeds> {
  const { driver, virtual } = createLeds(ctx.config.devices.leds, {
    now: ctx.now,
    onError: (message) => {
      ctx.log.warn({ event: 'leds-write-failed', detail: message }, 'LED write failed');
      ctx.health.set('leds', { level: 'warning', state: 'write-failed', detail: message });
    },
  });
  await driver.start();
  await driver.show(patternFor('starting'));
  if (!driver.lastError) ctx.health.set('leds', { level: 'ok', state: 'ready', detail: driver.output.name });
  const owner = {};
  let serving = false;
  const follow = () => (serving ? driver.show(patternFor(ctx.health.snapshot().level)) : Promise.resolve());
  ctx.bus.on(owner, 'device-status', () => void follow());
  return {
    driver,
    virtual,
    async ready() {
      serving = true;
      await follow();
    },
    async stop() {
      ctx.bus.removeListeners(owner);
      await driver.stop();
    },
  };
}

// The health LEDs follow the kiosk's overall health: amber while starting,
// then the pattern for the worst part's level (or the maintenance pattern
// while a technician's window is open), updated on every change.
import { createLeds, patternFor, type LedDriver, type VirtualLeds } from '../../drivers/leds/index.js';
import type { KioskContext } from '../context.js';
import { ledCondition, ledsRule } from '../health/rules.js';

export interface HealthLeds {
  driver: LedDriver;
  virtual: VirtualLeds | null;
  /** call once the kiosk serves consumers: leaves the 'starting' pattern */
  ready(): Promise<void>;
  /** shows the pattern for the current health (and maintenance) again */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHealthLeds(ctx: KioskContext, options: { maintenanceUntil?: () => Date | null } = {}): Promise<HealthLeds> {
  const { driver, virtual } = createLeds(ctx.config.devices.leds, {
    now: ctx.now,
    onError: (message) => {
      ctx.log.warn({ event: 'leds-write-failed', detail: message }, 'LED write failed');
      ctx.health.set('leds', ledsRule({ lastError: message, output: driver.output.name }));
    },
  });
  await driver.start();
  await driver.show(patternFor('starting'));
  ctx.health.set('leds', ledsRule({ lastError: driver.lastError, output: driver.output.name }));
  const owner = {};
  let serving = false;
  let shown = '';
  const follow = async () => {
    if (!serving) return;
    const condition = ledCondition(ctx.health.snapshot().level, options.maintenanceUntil?.() ?? null, ctx.now());
    // Only on a change: show() restarts the blink phase.
    if (condition === shown && !driver.lastError) return;
    shown = condition;
    await driver.show(patternFor(condition));
  };
  ctx.bus.on(owner, 'device-status', () => void follow());
  return {
    driver,
    virtual,
    async ready() {
      serving = true;
      await follow();
    },
    refresh: follow,
    async stop() {
      ctx.bus.removeListeners(owner);
      await driver.stop();
    },
  };
}

// The health rules applied to a real data dir: a failed write is a store
// fault until the directory takes writes again (probed by the health loop),
// an LED write that succeeds again clears the LED warning — no restart.
import t from 'tap';
import { pino } from 'pino';
import type { KioskContext } from '../../../controller/context.js';
import { EventBus } from '../../../controller/events/bus.js';
import { startKioskHealth } from '../../../controller/health/kiosk-health.js';
import { HealthRegistry } from '../../../controller/health/registry.js';
import { UiLiveness } from '../../../controller/ui-liveness.js';
import { tempDir } from '../../helpers/config.js';
import { until } from '../../helpers/until.js';


t.test('store and LEDs recover when their cause goes away', async (t) => {
  const bus = new EventBus();
  const now = () => new Date();
  const log = pino({ level: 'silent' });
  const ctx = { bus, now, log, health: new HealthRegistry(bus, now), config: { ui: { livenessTimeoutSeconds: 90 } } } as unknown as KioskContext;
  let ledError: string | null = null;
  const health = await startKioskHealth(ctx, {
    dataDir: tempDir(),
    store: { size: 2, recovered: null },
    leds: { lastError: () => ledError, output: 'virtual', refresh: async () => undefined },
    ui: new UiLiveness(now, log, undefined),
    tickMs: 50,
    reprobeMs: 100,
  });
  t.teardown(() => health.stop());
  t.equal(health.probeError, null, 'a writable dir passes the start-up probe');
  t.match(ctx.health.get('store'), { level: 'ok', state: 'ready' });

  bus.emit('store-write-failed', { error: 'ENOSPC: no space left on device' });
  t.match(ctx.health.get('store'), { level: 'fault', state: 'write-failed' });
  await until(() => ctx.health.get('store')?.state === 'ready');
  t.pass('store back to ready after a good probe');

  ledError = 'LED red on gpio: EIO';
  await until(() => ctx.health.get('leds')?.level === 'warning');
  ledError = null;
  await until(() => ctx.health.get('leds')?.level === 'ok');
  t.pass('leds back to ok after a good write');
});

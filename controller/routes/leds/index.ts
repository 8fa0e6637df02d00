// LED self-test for technicians, and the virtual LEDs' record in simulator mode.
import type { FastifyPluginAsync } from 'fastify';
import type { HealthLeds } from '../../leds/index.js';

export const ledRoutes: FastifyPluginAsync<{ leds: HealthLeds; simulator: boolean }> = async (app, { leds, simulator }) => {
  app.post('/api/technician/leds/cycle', async () => {
    await leds.driver.cycle(400);
    return { ok: true, pattern: leds.driver.current, error: leds.driver.lastError };
  });
  app.get('/api/technician/leds', async () => ({ output: leds.driver.output.name, pattern: leds.driver.current, error: leds.driver.lastError }));
  if (simulator && leds.virtual) {
    const virtual = leds.virtual;
    app.get('/api/sim/leds', async () => ({ lit: virtual.lit, pattern: leds.driver.current, transitions: virtual.transitions.slice(-200) }));
  }
};

// GET /api/health: the controller and every device, for the UI, the
// technician page and monitoring. 200 while the kiosk can take requests.
import type { FastifyPluginAsync } from 'fastify';
import type { HealthRegistry } from '../../health/registry.js';

export const healthRoutes: FastifyPluginAsync<{ health: HealthRegistry; version: string; kioskId: string; simulator: boolean; startedAt: Date }> = async (app, opts) => {
  app.get('/api/health', async (_req, reply) => {
    const snap = opts.health.snapshot();
    const store = snap.parts['store'];
    reply.code(store && store.level === 'fault' ? 503 : 200);
    return {
      kiosk: opts.kioskId,
      version: opts.version,
      mode: opts.simulator ? 'simulator' : 'hardware',
      uptimeSeconds: Math.round(process.uptime()),
      startedAt: opts.startedAt.toISOString(),
      status: snap.level,
      parts: snap.parts,
    };
  });
};

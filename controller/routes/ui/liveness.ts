// The touchscreen's side of the technician concern:
//   POST /api/ui/ping          the touchscreen page checks in (ui/consumer/liveness.ts);
//                              only the consumer page pings, so only a running touchscreen counts
//   GET  /api/ui/maintenance   whether a technician's maintenance window is open, with the
//                              technician listener's port and certificate fingerprint, so the
//                              kiosk's own screen can show them (ui/consumer/maintenance.ts)
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { UiLiveness } from '../../ui-liveness.js';

export interface UiLivenessRoutesOptions {
  ui: UiLiveness;
  maintenanceUntil: () => Date | null;
  technician: () => { port: number; fingerprint: string | null } | null;
  now: () => Date;
}

export const uiLivenessRoutes: FastifyPluginAsync<UiLivenessRoutesOptions> = async (app, o) => {
  app.post('/api/ui/ping', { schema: { body: Type.Object({ page: Type.Literal('consumer') }, { additionalProperties: false }) } }, async (_req, reply) => {
    o.ui.seen();
    return reply.code(204).send();
  });
  app.get('/api/ui/maintenance', async (_req, reply) => {
    const until = o.maintenanceUntil();
    const active = until !== null && until.getTime() > o.now().getTime();
    reply.header('cache-control', 'no-store');
    return { active, until: active ? until.toISOString() : null, technician: active ? o.technician() : null };
  });
};

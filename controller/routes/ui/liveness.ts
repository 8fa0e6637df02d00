// POST /api/ui/ping: the touchscreen page checks in (ui/consumer/liveness.ts).
// Only the consumer page pings, so only a running touchscreen counts as alive.
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { UiLiveness } from '../../ui-liveness.js';

export const uiLivenessRoutes: FastifyPluginAsync<{ ui: UiLiveness }> = async (app, { ui }) => {
  app.post('/api/ui/ping', { schema: { body: Type.Object({ page: Type.Literal('consumer') }, { additionalProperties: false }) } }, async (_req, reply) => {
    ui.seen();
    return reply.code(204).send();
  });
};

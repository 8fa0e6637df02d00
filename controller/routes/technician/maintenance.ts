// Maintenance mode: the technician tells central that alerts for this kiosk
// are paused until a time (or ends the pause with null).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CentralLink } from '../../central-link/index.js';

export const maintenanceRoutes: FastifyPluginAsyncTypebox<{ link: CentralLink; now: () => Date }> = async (app, { link, now }) => {
  app.post(
    '/api/technician/maintenance',
    { schema: { body: Type.Object({ until: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) }, { additionalProperties: false }) } },
    async (req, reply) => {
      const until = req.body.until === null ? null : new Date(req.body.until);
      if (until && (Number.isNaN(until.getTime()) || until <= now())) {
        return reply.code(400).send({ statusCode: 400, code: 'invalid-until', field: 'until', message: { en: 'The end of maintenance must be a time in the future.', hi: 'रखरखाव की समाप्ति भविष्य का समय होना चाहिए।' } });
      }
      const delivered = await link.setMaintenance(until);
      return { maintenance: until ? { until: until.toISOString() } : null, deliveredToCentral: delivered };
    },
  );
};

// Maintenance mode: the technician opens a window (until a time) or ends it
// (null). It is kept on disk, so it survives a restart, shown by the LEDs'
// maintenance pattern, and sent to central at once so alerts pause now.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CentralLink } from '../../central-link/index.js';
import type { TechnicianRecords } from '../../technician/records.js';

export interface MaintenanceRoutesOptions {
  link: CentralLink;
  now: () => Date;
  records: Pick<TechnicianRecords, 'setMaintenance'>;
  /** the LEDs show the maintenance pattern (or health again) */
  onChange?: () => void;
}

export const maintenanceRoutes: FastifyPluginAsyncTypebox<MaintenanceRoutesOptions> = async (app, { link, now, records, onChange }) => {
  app.post(
    '/api/technician/maintenance',
    { schema: { body: Type.Object({ until: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) }, { additionalProperties: false }) } },
    async (req, reply) => {
      const until = req.body.until === null ? null : new Date(req.body.until);
      if (until && (Number.isNaN(until.getTime()) || until <= now())) {
        return reply.code(400).send({ statusCode: 400, code: 'invalid-until', field: 'until', message: { en: 'The end of maintenance must be a time in the future.', hi: 'रखरखाव की समाप्ति भविष्य का समय होना चाहिए।' } });
      }
      await records.setMaintenance(until);
      req.log.info({ event: until ? 'maintenance-started' : 'maintenance-ended', until: until?.toISOString() ?? null, by: req.technician?.who ?? null }, 'maintenance window changed');
      onChange?.();
      const delivered = await link.setMaintenance(until);
      return { maintenance: until ? { until: until.toISOString() } : null, deliveredToCentral: delivered };
    },
  );
};

// GET /api/services: the catalogue the touchscreen renders, with each
// service's due rule from config, the escalation path and the free-service notice.
import type { FastifyPluginAsync } from 'fastify';
import type { KioskConfig } from '../../../config/schema.js';
import { glossary } from '../../../config/glossary.js';
import { escalation } from '../../services/escalation.js';
import type { ServiceSpec } from '../../services/types.js';

export { escalation };

export const servicesRoutes: FastifyPluginAsync<{ catalogue: readonly ServiceSpec[]; config: KioskConfig }> = async (app, { catalogue, config }) => {
  const body = {
    kiosk: { id: config.kiosk.id, name: config.kiosk.name, circle: config.kiosk.circle, substation: config.kiosk.substation },
    escalation,
    freeNotice: { en: glossary.freeNotice.en, hi: glossary.freeNotice.hi },
    services: catalogue.map((s) => {
      const t = s.timeline ? config.timelines[s.timeline] : undefined;
      return { ...s, ...(t ? { timeline: t } : { timeline: null }) };
    }),
  };
  app.get('/api/services', async () => body);
};

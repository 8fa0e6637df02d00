// GET /api/services: the catalogue the touchscreen renders, with each
// service's due rule from config and the escalation path.
import type { FastifyPluginAsync } from 'fastify';
import type { KioskConfig } from '../../../config/schema.js';
import type { ServiceSpec } from '../../services/types.js';

export const escalation = {
  helpline: '1912',
  steps: [
    { name: { en: 'KESCO helpline', hi: 'केस्को हेल्पलाइन' }, contact: '1912' },
    { name: { en: 'IGRS (Jansunwai)', hi: 'आईजीआरएस (जनसुनवाई)' }, contact: '1076' },
    { name: { en: 'Consumer Grievance Redressal Forum (CGRF), decides within 45 days', hi: 'उपभोक्ता शिकायत निवारण फोरम (सीजीआरएफ), 45 दिन में निर्णय' }, contact: 'CGRF' },
  ],
};

export const servicesRoutes: FastifyPluginAsync<{ catalogue: readonly ServiceSpec[]; config: KioskConfig }> = async (app, { catalogue, config }) => {
  const body = {
    kiosk: { id: config.kiosk.id, name: config.kiosk.name, circle: config.kiosk.circle, substation: config.kiosk.substation },
    escalation,
    services: catalogue.map((s) => {
      const t = s.timeline ? config.timelines[s.timeline] : undefined;
      return { ...s, ...(t ? { timeline: { hours: t.hours, rule: t.rule, source: t.source } } : { timeline: null }) };
    }),
  };
  app.get('/api/services', async () => body);
};

// Read-only views for central IT: the fleet page, the JSON list and /metrics.
// They carry no personal data (no mobiles, masked or not), so they are open
// on central's own network like a Prometheus target.
import type { FastifyPluginAsync } from 'fastify';
import type { NetworkConfig } from '../../config/schema.js';
import type { FleetMonitor } from '../fleet/monitor.js';
import type { TicketService } from '../intake/tickets.js';
import type { CentralMetrics } from '../metrics.js';
import { HISTORY_SLOTS, HISTORY_SLOT_MS, renderFleetPage } from '../page/fleet-page.js';

export interface FleetRoutesOptions {
  monitor: FleetMonitor;
  tickets: TicketService;
  metrics: CentralMetrics;
  now: () => Date;
  getNetwork: () => { network: NetworkConfig | null; error: string | null };
}

export const fleetRoutes: FastifyPluginAsync<FleetRoutesOptions> = async (app, o) => {
  app.get('/api/v1/kiosks', async () => ({ generatedAt: o.now().toISOString(), kiosks: o.monitor.list() }));

  app.get('/metrics', async (_request, reply) => {
    reply.type(o.metrics.registry.contentType);
    return o.metrics.registry.metrics();
  });

  app.get('/healthz', async () => ({ ok: true }));

  app.get('/', async (_request, reply) => {
    const kiosks = o.monitor.list().map((k) => ({ ...k, history: o.monitor.history(k.id, HISTORY_SLOTS, HISTORY_SLOT_MS) }));
    const counts = o.tickets.counts();
    const byCircle = new Map<string, number>();
    for (const k of kiosks) if (k.circle) byCircle.set(k.circle, (byCircle.get(k.circle) ?? 0) + (counts.byKiosk.get(k.id) ?? 0));
    const { network, error } = o.getNetwork();
    reply.type('text/html; charset=utf-8');
    return renderFleetPage({ now: o.now(), kiosks, network, networkError: error, liveByCircle: byCircle, liveBySubstation: counts.bySubstation, liveByKiosk: counts.byKiosk, guardAssistedByKiosk: counts.guardAssistedByKiosk, ticketsTotal: counts.total });
  });
};

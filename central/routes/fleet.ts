// Read-only views for central IT: the fleet page, the JSON list, /metrics
// and the audit page. The fleet views need a viewer's token unless central
// is configured `public: true`; /metrics needs the scrape token when one is
// set; the audit page needs an admin.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { NetworkConfig } from '../../config/schema.js';
import type { FleetMonitor } from '../fleet/monitor.js';
import type { HelpDeskHealth } from '../helpdesk/sync.js';
import type { TicketService } from '../intake/tickets.js';
import type { CentralMetrics } from '../metrics.js';
import { registerOperatorAccess, requireRole, type OperatorDirectory } from '../operators/access.js';
import type { AuditLog } from '../operators/audit.js';
import { renderAuditPage } from '../page/audit-page.js';
import { HISTORY_SLOTS, HISTORY_SLOT_MS, renderFleetPage } from '../page/fleet-page.js';

export interface FleetRoutesOptions {
  monitor: FleetMonitor;
  tickets: TicketService;
  helpdesk: () => HelpDeskHealth;
  metrics: CentralMetrics;
  now: () => Date;
  getNetwork: () => { network: NetworkConfig | null; error: string | null };
  operators: OperatorDirectory;
  audit: AuditLog;
  /** fleet page and kiosk list open to anyone */
  public: boolean;
  metricsToken?: string;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export const fleetRoutes: FastifyPluginAsync<FleetRoutesOptions> = async (app, o) => {
  registerOperatorAccess(app, o.operators, o.audit);
  const viewer = o.public ? [] : [requireRole('viewer')];
  const scrapeToken = o.metricsToken ? digest(`Bearer ${o.metricsToken}`) : null;
  const scraper = async (request: FastifyRequest, reply: FastifyReply) => {
    // Hash both sides so the compare is constant-time whatever the lengths.
    if (scrapeToken && !timingSafeEqual(digest(request.headers.authorization ?? ''), scrapeToken)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="ecorner-metrics"').send({ error: 'unauthorized', message: '/metrics needs Authorization: Bearer <metricsToken>' });
    }
  };

  app.get('/api/v1/kiosks', { preHandler: viewer }, async () => ({ generatedAt: o.now().toISOString(), kiosks: o.monitor.list() }));

  app.get('/audit', { preHandler: requireRole('admin') }, async (_request, reply) => {
    reply.type('text/html; charset=utf-8');
    return renderAuditPage(o.audit.list(500), o.now());
  });

  app.get('/metrics', { preHandler: scraper }, async (_request, reply) => {
    reply.type(o.metrics.registry.contentType);
    return o.metrics.registry.metrics();
  });

  app.get('/healthz', async () => ({ ok: true }));

  // The help desk's reachability and backlog (no personal data), for the same viewers as the fleet page.
  app.get('/api/v1/helpdesk', { preHandler: viewer }, async () => o.helpdesk());

  app.get('/', { preHandler: viewer }, async (_request, reply) => {
    const kiosks = o.monitor.list().map((k) => ({ ...k, history: o.monitor.history(k.id, HISTORY_SLOTS, HISTORY_SLOT_MS) }));
    const counts = o.tickets.counts();
    const byCircle = new Map<string, number>();
    for (const k of kiosks) if (k.circle) byCircle.set(k.circle, (byCircle.get(k.circle) ?? 0) + (counts.byKiosk.get(k.id) ?? 0));
    const { network, error } = o.getNetwork();
    reply.type('text/html; charset=utf-8');
    return renderFleetPage({ now: o.now(), kiosks, network, networkError: error, liveByCircle: byCircle, liveBySubstation: counts.bySubstation, liveByKiosk: counts.byKiosk, guardAssistedByKiosk: counts.guardAssistedByKiosk, ticketsTotal: counts.total, helpdesk: o.helpdesk() });
  });
};

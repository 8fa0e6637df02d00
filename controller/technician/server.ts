// The technician listener: a second Fastify instance on the kiosk LAN
// (technician.host, default 0.0.0.0; technician.port, default 8443), HTTPS
// with the kiosk's own self-signed certificate, plain HTTP only in simulator
// mode. It serves only the technician page (and its bundle and fonts), its
// API under /api/technician/* behind the PIN login, /metrics, and in
// simulator mode the virtual devices' switches (/api/sim/*, logged in too).
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { KioskContext } from '../context.js';
import { uiRoutes } from '../routes/ui/index.js';
import { authError, installAuth } from './auth.js';
import type { TechnicianCert } from './cert.js';
import { SessionTable } from './sessions.js';

export interface TechnicianServerOptions {
  ctx: KioskContext;
  pinHash: string;
  cert: TechnicianCert | null;
  metricsText: () => Promise<string>;
  metricsContentType: string;
  routes: Array<{ plugin: FastifyPluginAsync<never>; options?: unknown }>;
  /** after a technician route answered: self-test records (url, status, payload, who) */
  onTechnicianResponse?: (url: string, statusCode: number, payload: unknown, who: string) => void;
}

/** Paths this listener answers; everything else is 404, whatever plugin registered it. */
export function technicianPath(url: string, simulator: boolean): boolean {
  const path = url.split('?')[0] ?? '';
  return (
    path === '/technician' ||
    path === '/metrics' ||
    path.startsWith('/api/technician/') ||
    /^\/ui\/technician\.(js|css)$/.test(path) ||
    path.startsWith('/fonts/noto-sans-devanagari/') ||
    (simulator && path.startsWith('/api/sim/'))
  );
}

/** On the consumer listener: the technician's routes do not exist there. */
export function consumerRefusesTechnicianRoutes(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path === '/technician' || path.startsWith('/api/technician/') || path === '/metrics') {
      return reply.code(404).send({ statusCode: 404, code: 'not-found', field: 'url', message: { en: 'Not found.', hi: 'नहीं मिला।' } });
    }
  });
}

export async function buildTechnicianApp(o: TechnicianServerOptions): Promise<FastifyInstance> {
  const { ctx } = o;
  const secure = o.cert !== null;
  const app = Fastify({
    loggerInstance: ctx.log.child({ module: 'technician' }) as FastifyBaseLogger,
    bodyLimit: 16 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
    ...(o.cert ? { https: { key: o.cert.key, cert: o.cert.cert } } : {}),
  }) as unknown as FastifyInstance;

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.statusCode === 429) return reply.code(429).send(authError(429, 'too-many-attempts'));
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error({ event: 'technician-route-failed', err }, 'technician route failed');
    return reply.code(status).send({ statusCode: status, code: status === 500 ? 'internal-error' : 'invalid-request', field: 'body', message: { en: status === 500 ? 'Internal error.' : err.message, hi: status === 500 ? 'आंतरिक त्रुटि।' : 'अनुरोध सही नहीं है।' } });
  });
  app.addHook('onRequest', async (req, reply) => {
    if (!technicianPath(req.url, ctx.simulator)) return reply.code(404).send({ statusCode: 404, code: 'not-found', field: 'url', message: { en: 'Not found.', hi: 'नहीं मिला।' } });
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.technician && req.method === 'POST' && o.onTechnicianResponse) {
      let body: unknown = payload;
      if (typeof payload === 'string') {
        try {
          body = JSON.parse(payload);
        } catch {
          /* not JSON */
        }
      }
      o.onTechnicianResponse(req.url.split('?')[0] ?? '', reply.statusCode, body, req.technician.who);
    }
    return payload;
  });

  await installAuth(app, { sessions: new SessionTable(ctx.now), pinHash: o.pinHash, secure, log: ctx.log, ...(ctx.config.technician.metricsToken ? { metricsToken: ctx.config.technician.metricsToken } : {}) });
  app.get('/metrics', async (_req, reply) => reply.type(o.metricsContentType).header('cache-control', 'no-store').send(await o.metricsText()));
  await app.register(uiRoutes, {});
  for (const r of o.routes) await app.register(r.plugin as FastifyPluginAsync<Record<string, unknown>>, (r.options ?? {}) as Record<string, unknown>);
  return app;
}

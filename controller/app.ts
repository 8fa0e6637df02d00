// The kiosk's HTTP API as one Fastify instance. It opens no port: server.ts
// (or a test's inject) does. Concerns add their routes through `routes`.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { KioskContext } from './context.js';
import { installErrorHandlers } from './http-errors.js';
import { healthRoutes } from './routes/health/index.js';
import { requestsRoutes, type RequestsRoutesOptions } from './routes/requests/index.js';
import { servicesRoutes } from './routes/services/index.js';
import type { ServiceSpec } from './services/types.js';
import type { RequestStore } from './store/request-store.js';

export interface AppParts {
  store: RequestStore;
  catalogue: readonly ServiceSpec[];
  startedAt?: Date;
  /** central, for requests made at other kiosks */
  central?: RequestsRoutesOptions['central'];
  /** extra route plugins of other concerns (printer, scanner events, simulator controls) */
  routes?: Array<{ plugin: FastifyPluginAsync<never>; options?: unknown }>;
}

export async function buildApp(ctx: KioskContext, parts: AppParts): Promise<FastifyInstance> {
  // Fastify's generic defaults are what route plugins are written against.
  const app = Fastify({
    // pino's Logger is wider than Fastify's base logger type; the instance is the same.
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: ctx.config.http.bodyLimitBytes,
    // Unknown fields are refused, not silently dropped (Fastify's default strips them).
    ajv: { customOptions: { removeAdditional: false, allErrors: false, coerceTypes: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandlers(app);
  const deps = { catalogue: parts.catalogue, config: ctx.config, store: parts.store, bus: ctx.bus, now: ctx.now, ...(parts.central ? { central: parts.central } : {}) };
  await app.register(servicesRoutes, { catalogue: parts.catalogue, config: ctx.config });
  await app.register(requestsRoutes, deps);
  await app.register(healthRoutes, { health: ctx.health, version: ctx.version, kioskId: ctx.config.kiosk.id, simulator: ctx.simulator, startedAt: parts.startedAt ?? ctx.now() });
  for (const r of parts.routes ?? []) await app.register(r.plugin as FastifyPluginAsync<Record<string, unknown>>, (r.options ?? {}) as Record<string, unknown>);
  return app;
}

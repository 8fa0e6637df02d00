// POST /api/requests and GET /api/requests/:reference. Thin: the work is in
// actions/submit-request.ts; here only HTTP shapes and status codes.
import rateLimit from '@fastify/rate-limit';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { apiError, formErrors } from '../../http-errors.js';
import { submitRequest, type SubmitDeps } from '../../actions/submit-request.js';
import { remoteRequestView, requestView, withCentralStatus } from '../../actions/request-view.js';
import type { CentralClient } from '../../central-link/index.js';
import { CachedLookups } from '../../central-link/lookups.js';
import { normaliseMobile } from '../../services/validation.js';
import { referencePattern } from '../../store/reference.js';
import { StoreWriteError } from '../../store/request-store.js';
import type { KioskConfig } from '../../../config/schema.js';

const LIVE_STATUS_WAIT_MS = 2500;

const FieldValue = Type.Union([Type.String({ maxLength: 2000 }), Type.Number()]);

export const SubmitBody = Type.Object(
  {
    service: Type.String({ maxLength: 64 }),
    mobile: Type.String({ maxLength: 32 }),
    account: Type.Optional(Type.String({ maxLength: 32 })),
    legacyAccount: Type.Optional(Type.String({ maxLength: 32 })),
    guardAssisted: Type.Optional(Type.Boolean()),
    fields: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), FieldValue, { maxProperties: 20 })),
  },
  { additionalProperties: false },
);

export interface RequestsRoutesOptions extends SubmitDeps {
  config: KioskConfig;
  /** asks central about requests made at other kiosks (a receipt scanned here) */
  central?: Pick<CentralClient, 'lookupRequest'>;
  /** look-ups this kiosk may send to central per minute (answers from the cache are free) */
  remoteLookupsPerMinute?: number;
}

export const requestsRoutes: FastifyPluginAsyncTypebox<RequestsRoutesOptions> = async (app, deps) => {
  await app.register(rateLimit, { global: false });
  // One kiosk, one key: the limit is on what this kiosk asks of central.
  const remoteLimit = app.createRateLimit({ max: deps.remoteLookupsPerMinute ?? 10, timeWindow: 60_000, keyGenerator: () => 'remote-lookups' });
  const lookups = deps.central ? new CachedLookups(deps.central) : null;

  app.post('/api/requests', { schema: { body: SubmitBody } }, async (req, reply) => {
    try {
      const result = await submitRequest(deps, req.body);
      if (!result.ok) {
        req.log.info({ event: 'request-refused', service: req.body.service, codes: result.errors.map((e) => e.code) }, 'request refused');
        return reply.code(400).send(formErrors(result.errors));
      }
      req.log.info({ event: 'request-accepted', reference: result.request.reference, service: result.request.service, mobile: result.request.mobile }, 'request accepted');
      return reply.code(201).send(requestView(result.request, deps.catalogue, deps.config));
    } catch (err) {
      if (err instanceof StoreWriteError) {
        req.log.error({ event: 'request-not-stored', err }, 'request not stored');
        deps.bus.emit('store-write-failed', { error: err.message });
        return reply.code(503).send(apiError(503, 'store-unavailable'));
      }
      throw err;
    }
  });

  app.get(
    '/api/requests/:reference',
    { schema: { params: Type.Object({ reference: Type.String({ maxLength: 40 }) }), querystring: Type.Object({ mobile: Type.String({ maxLength: 32 }) }, { additionalProperties: false }) } },
    async (req, reply) => {
      const reference = req.params.reference.toUpperCase();
      if (!referencePattern.test(reference)) return reply.code(400).send(apiError(400, 'invalid-reference', 'reference'));
      const mobile = normaliseMobile(req.query.mobile);
      if (!mobile.ok) return reply.code(400).send(formErrors(mobile.errors));
      const request = deps.store.findForConsumer(reference, mobile.value);
      if (request) {
        const view = requestView(request, deps.catalogue, deps.config);
        if (!deps.central || request.sync.state !== 'synced') return view;
        // Staff work the ticket at central's help desk: ask for its status and reply now.
        // A consumer is waiting at the screen: a short wait, then the stored status.
        const live = await deps.central.lookupRequest({ reference, mobile: mobile.value }, AbortSignal.timeout(LIVE_STATUS_WAIT_MS));
        if (live.ok) return withCentralStatus(view, live.value);
        req.log.info({ event: 'live-status-unavailable', kind: live.error.kind }, 'stored status shown; central not asked');
        return view;
      }
      // Made at another kiosk, or pruned here after central took it: central knows.
      if (lookups) {
        const body = { reference, mobile: mobile.value };
        if (!lookups.cached(body)) {
          const limit = await remoteLimit(req);
          if (!limit.isAllowed && limit.isExceeded) {
            req.log.warn({ event: 'remote-lookup-limited', max: limit.max }, 'look-ups to central rate-limited');
            return reply.code(429).header('retry-after', String(Math.ceil(limit.ttl / 1000))).send(apiError(429, 'too-many-lookups', 'reference'));
          }
        }
        const remote = await lookups.lookupRequest(body);
        if (remote.ok) return remoteRequestView(remote.value, deps.catalogue, deps.config);
        if (remote.error.kind === 'http' && remote.error.status === 429) return reply.code(429).send(apiError(429, 'too-many-lookups', 'reference'));
        if (!(remote.error.kind === 'http' && remote.error.status === 404)) {
          req.log.warn({ event: 'remote-lookup-failed', kind: remote.error.kind }, 'central look-up failed');
          return reply.code(503).send(apiError(503, 'central-unavailable', 'reference'));
        }
      }
      // Same answer for "no such reference" and "wrong mobile": no enumeration.
      return reply.code(404).send(apiError(404, 'not-found', 'reference'));
    },
  );
};

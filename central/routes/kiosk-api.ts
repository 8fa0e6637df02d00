// Endpoints kiosks call. Every one is signed per kiosk (auth.ts); handlers
// are thin and call the services.
import rateLimit from '@fastify/rate-limit';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { registerKioskAuth, type NonceStore, type KioskAuthOptions } from '../auth.js';
import type { BillingService } from '../billing/billing.js';
import type { FleetMonitor } from '../fleet/monitor.js';
import type { TicketService } from '../intake/tickets.js';
import type { CentralMetrics } from '../metrics.js';
import { Account, BillReply, LegacyAccount, LegacyAccountReply, Payment, PaymentCreate, PaymentId } from '../../protocol/bills.js';
import { ErrorReply } from '../../protocol/errors.js';
import { HeartbeatPayload, HeartbeatReply } from '../../protocol/heartbeat.js';
import { Reference, RequestAccepted, RequestIntake, RequestLookup, RequestLookupReply, RequestStatusReply, RequestUpdatesReply } from '../../protocol/requests.js';

export interface KioskApiOptions {
  auth: KioskAuthOptions;
  nonces: NonceStore;
  monitor: FleetMonitor;
  tickets: TicketService;
  billing: BillingService;
  metrics: CentralMetrics;
  now: () => Date;
  /** wrong-mobile or unknown-reference look-ups one kiosk may make per minute */
  lookupMissesPerMinute: number;
}

const TOO_MANY_LOOKUPS = {
  error: 'too-many-lookups',
  message: 'Too many look-ups that found nothing from this kiosk; wait a minute.',
  hi: 'इस कियोस्क से बहुत अधिक असफल स्थिति जाँच हुई हैं; एक मिनट रुकें।',
};

export const kioskApi: FastifyPluginAsyncTypebox<KioskApiOptions> = async (app, o) => {
  registerKioskAuth(app, o.auth, o.nonces);
  await app.register(rateLimit, { global: false });
  // Misses are what guessing produces, so misses are counted; once a kiosk is
  // over the limit every look-up waits, or a hit would still come through.
  const missLimit = app.createRateLimit({ max: o.lookupMissesPerMinute, timeWindow: 60_000, keyGenerator: (req) => req.kioskId });
  const blockedUntil = new Map<string, number>();

  app.post('/heartbeats', { schema: { body: HeartbeatPayload, response: { 200: HeartbeatReply, '4xx': ErrorReply } } }, async (request, reply) => {
    const hb = request.body;
    if (hb.kioskId !== request.kioskId) {
      return reply.code(403).send({ error: 'kiosk-mismatch', message: `heartbeat names kiosk ${hb.kioskId} but is signed by ${request.kioskId}` });
    }
    const { state, clockSkewSeconds } = o.monitor.recordHeartbeat(request.kioskId, hb);
    o.metrics.heartbeats.inc({ kiosk: request.kioskId });
    return { accepted: true as const, serverTime: o.now().toISOString(), state, clockSkewSeconds };
  });

  app.post('/requests', { schema: { body: RequestIntake, response: { 200: RequestAccepted, 201: RequestAccepted, '4xx': ErrorReply } } }, async (request, reply) => {
    const result = o.tickets.submit(request.kioskId, request.body);
    o.metrics.requestsReceived.inc({ kiosk: request.kioskId, outcome: result.kind });
    if (result.kind === 'conflict') return reply.code(409).send({ error: 'idempotency-conflict', message: result.message });
    return reply.code(result.kind === 'created' ? 201 : 200).send(result.reply);
  });

  app.get('/requests/:reference', { schema: { params: Type.Object({ reference: Reference }), response: { 200: RequestStatusReply, '4xx': ErrorReply } } }, async (request, reply) => {
    const found = o.tickets.get(request.kioskId, request.params.reference);
    if (!found) return reply.code(404).send({ error: 'request-not-found', message: `central holds no request ${request.params.reference} from ${request.kioskId}` });
    return found;
  });

  app.post('/lookups', { schema: { body: RequestLookup, response: { 200: RequestLookupReply, '4xx': ErrorReply } } }, async (request, reply) => {
    const until = blockedUntil.get(request.kioskId) ?? 0;
    if (until > Date.now()) return reply.code(429).header('retry-after', String(Math.ceil((until - Date.now()) / 1000))).send(TOO_MANY_LOOKUPS);
    const found = o.tickets.lookup(request.body.reference, request.body.mobile);
    if (found) return found;
    const limit = await missLimit(request);
    if (!limit.isAllowed && (limit.remaining === 0 || limit.isExceeded)) {
      blockedUntil.set(request.kioskId, Date.now() + limit.ttl);
      request.log.warn({ event: 'central-lookups-limited', kioskId: request.kioskId, max: limit.max }, 'kiosk look-ups rate-limited');
    }
    // Same answer for an unknown reference and a wrong mobile.
    return reply.code(404).send({ error: 'request-not-found', message: `no request ${request.body.reference} with that mobile` });
  });

  app.get('/request-updates', {
    schema: {
      querystring: Type.Object({ after: Type.Optional(Type.String({ pattern: '^\\d{1,15}$' })), limit: Type.Optional(Type.String({ pattern: '^\\d{1,4}$' })) }, { additionalProperties: false }),
      response: { 200: RequestUpdatesReply, '4xx': ErrorReply },
    },
  }, async (request) => {
    const limit = Math.min(500, Math.max(1, Number(request.query.limit ?? 200)));
    return o.tickets.updates(request.kioskId, Number(request.query.after ?? 0), limit);
  });

  app.get('/bills/:account', { schema: { params: Type.Object({ account: Account }), response: { 200: BillReply, '4xx': ErrorReply } } }, async (request, reply) => {
    const bills = o.billing.bills(request.params.account);
    if (!bills) return reply.code(404).send({ error: 'account-not-found', message: `no consumer with account ${request.params.account}` });
    return bills;
  });

  app.get('/legacy-accounts/:legacy', { schema: { params: Type.Object({ legacy: LegacyAccount }), response: { 200: LegacyAccountReply, '4xx': ErrorReply } } }, async (request, reply) => {
    const found = o.billing.legacyAccount(request.params.legacy);
    if (!found) return reply.code(404).send({ error: 'legacy-account-not-found', message: `no new connection number for ${request.params.legacy}` });
    return found;
  });

  app.post('/payments', { schema: { body: PaymentCreate, response: { 200: Payment, 201: Payment, '4xx': ErrorReply } } }, async (request, reply) => {
    const result = o.billing.createPayment(request.kioskId, request.body);
    if (!result.ok) return reply.code(result.status).send({ error: result.code, message: result.message });
    return reply.code(result.created ? 201 : 200).send(result.payment);
  });

  app.get('/payments/:paymentId', { schema: { params: Type.Object({ paymentId: PaymentId }), response: { 200: Payment, '4xx': ErrorReply } } }, async (request, reply) => {
    const payment = o.billing.getPayment(request.kioskId, request.params.paymentId);
    if (!payment) return reply.code(404).send({ error: 'payment-not-found', message: `no payment ${request.params.paymentId} from ${request.kioskId}` });
    return payment;
  });
};

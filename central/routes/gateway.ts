// The payment gateway's webhook: the only way a payment becomes confirmed,
// failed or refunded. The signature is checked over the raw body before
// anything is parsed; a bad one changes nothing and is answered 401.
import type { FastifyPluginAsync } from 'fastify';
import type { BillingService } from '../billing/billing.js';
import { parseRazorpayEvent, RAZORPAY_EVENT_ID_HEADER, RAZORPAY_SIGNATURE_HEADER, verifyRazorpaySignature } from '../gateway/razorpay.js';
import type { AuditLog } from '../operators/audit.js';

export interface GatewayRoutesOptions {
  webhookSecret: string;
  billing: BillingService;
  audit: AuditLog;
  log: { warn: (o: object, m: string) => void; info: (o: object, m: string) => void; error: (o: object, m: string) => void };
}

const EVENT_ID = /^[A-Za-z0-9_-]{6,64}$/;

export const gatewayRoutes: FastifyPluginAsync<GatewayRoutesOptions> = async (app, o) => {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post('/api/v1/gateway/razorpay', async (request, reply) => {
    const raw = typeof request.body === 'string' ? request.body : '';
    const audit = (outcome: number, detail: string) => o.audit.record({ who: 'gateway:razorpay', role: null, action: 'POST /api/v1/gateway/razorpay', outcome, source: request.ip, detail });
    const verdict = verifyRazorpaySignature(o.webhookSecret, raw, request.headers[RAZORPAY_SIGNATURE_HEADER]);
    if (!verdict.ok) {
      o.log.warn({ event: 'gateway-callback-refused', reason: verdict.reason, source: request.ip }, `gateway callback refused: ${verdict.reason}`);
      audit(401, verdict.reason);
      return reply.code(401).send({ error: verdict.reason, message: 'X-Razorpay-Signature does not match the body' });
    }
    const eventId = request.headers[RAZORPAY_EVENT_ID_HEADER];
    if (typeof eventId !== 'string' || !EVENT_ID.test(eventId)) {
      audit(400, 'missing event id');
      return reply.code(400).send({ error: 'missing-event-id', message: `${RAZORPAY_EVENT_ID_HEADER} is needed to apply an event once` });
    }
    const parsed = parseRazorpayEvent(eventId, raw);
    if (!parsed.ok) {
      if (parsed.ignored) return reply.code(200).send({ eventId, outcome: 'ignored', detail: `central does not act on ${parsed.name}` });
      audit(400, parsed.message);
      return reply.code(400).send({ error: 'bad-event', message: parsed.message });
    }
    const r = o.billing.applyGatewayEvent(parsed.event);
    const level = r.outcome === 'applied' || r.outcome === 'duplicate-event' || r.outcome === 'already-settled' ? 'info' : 'error';
    o.log[level]({ event: 'gateway-callback', gatewayEvent: parsed.event.name, eventId, outcome: r.outcome, detail: r.detail }, `gateway ${parsed.event.name}: ${r.outcome}`);
    audit(200, `${parsed.event.name} ${eventId}: ${r.outcome} (${r.detail})`);
    // 200 even when refused: the event is recorded; a retry would change nothing.
    return reply.code(200).send({ eventId, outcome: r.outcome, detail: r.detail });
  });
};

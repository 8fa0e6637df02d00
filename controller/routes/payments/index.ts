// Bill view and UPI payment at the kiosk. The kiosk holds no money: it asks
// central for the bill, asks central to open a payment for a stored
// bill-payment or prepaid-recharge request, shows the UPI QR, and reports
// what central says.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { KioskConfig } from '../../../config/schema.js';
import { describeError, type CentralClient, type CentralError } from '../../central-link/index.js';
import { apiError } from '../../http-errors.js';
import { rupeesToPaise, upiUri } from '../../payments/upi.js';
import { normaliseAccount, normaliseMobile } from '../../services/validation.js';
import type { RequestStore } from '../../store/request-store.js';
import { formErrors } from '../../http-errors.js';
import { PaymentId, type Payment, type PaymentCreate } from '../../../protocol/bills.js';
import type { StoredRequest } from '../../store/types.js';

export interface PaymentRoutesOptions {
  client: CentralClient;
  store: RequestStore;
  payment: KioskConfig['payment'];
}

function centralFailure(reply: FastifyReply, error: CentralError, log: { warn: (o: object, m: string) => void }, notFound: 'account-not-found' | 'connection-not-found' = 'account-not-found') {
  log.warn({ event: 'central-call-failed', detail: describeError(error) }, 'central call failed');
  if (error.kind === 'http' && error.status === 404) return reply.code(404).send(apiError(404, notFound, 'account'));
  // Central refused this payment (bill already paid, a QR already open for it, amount out of range):
  // not an outage, and retrying the same request will not help.
  if (error.kind === 'http' && (error.status === 409 || error.status === 422)) {
    const code = error.code === 'bill-already-paid' || error.code === 'payment-in-progress' ? error.code : 'payment-refused';
    return reply.code(409).send(apiError(409, code, 'reference'));
  }
  return reply.code(503).send(apiError(503, 'central-unavailable'));
}

export const paymentRoutes: FastifyPluginAsyncTypebox<PaymentRoutesOptions> = async (app, o) => {
  const view = (p: Payment) => ({
    paymentId: p.paymentId,
    reference: p.reference,
    purpose: p.purpose,
    status: p.status,
    amountPaise: p.amountPaise,
    expiresAt: p.expiresAt,
    confirmedAt: p.confirmedAt,
    upi: upiUri({ payee: o.payment.upiPayee, payeeName: o.payment.upiName, amountPaise: p.amountPaise, transactionRef: p.upiRef, note: `KESCO ${p.reference}` }),
  });

  // An old 8-digit number: central knows the 10-digit one that replaced it; the consumer sees both.
  app.get('/api/legacy-accounts/:legacy', { schema: { params: Type.Object({ legacy: Type.String({ maxLength: 32 }) }) } }, async (req, reply) => {
    const legacy = req.params.legacy.replace(/[\s-]/g, '');
    if (!/^\d{8}$/.test(legacy)) return reply.code(400).send(apiError(400, 'invalid-legacy-account', 'account'));
    const res = await o.client.legacyAccount(legacy);
    if (!res.ok) {
      if (res.error.kind === 'http' && res.error.status === 404) return reply.code(404).send(apiError(404, 'legacy-not-found', 'account'));
      return centralFailure(reply, res.error, req.log);
    }
    return res.value;
  });

  app.get('/api/bills/:account', { schema: { params: Type.Object({ account: Type.String({ maxLength: 32 }) }) } }, async (req, reply) => {
    const account = normaliseAccount(req.params.account);
    if (!account.ok) return reply.code(400).send(formErrors(account.errors));
    const res = await o.client.getBills(account.value);
    if (!res.ok) return centralFailure(reply, res.error, req.log);
    return res.value;
  });

  app.post(
    '/api/payments',
    { schema: { body: Type.Object({ reference: Type.String({ maxLength: 40 }), mobile: Type.String({ maxLength: 32 }) }, { additionalProperties: false }) } },
    async (req, reply) => {
      const mobile = normaliseMobile(req.body.mobile);
      if (!mobile.ok) return reply.code(400).send(formErrors(mobile.errors));
      const request = o.store.findForConsumer(req.body.reference.toUpperCase(), mobile.value);
      if (!request) return reply.code(404).send(apiError(404, 'not-found', 'reference'));
      const body = paymentFor(request);
      if (!body) return reply.code(409).send(apiError(409, 'not-payable', 'reference'));
      const res = await o.client.createPayment(body);
      if (!res.ok) return centralFailure(reply, res.error, req.log, body.purpose === 'prepaid-recharge' ? 'connection-not-found' : 'account-not-found');
      return reply.code(201).send(view(res.value));
    },
  );

  app.get(
    '/api/payments/:paymentId',
    { schema: { params: Type.Object({ paymentId: PaymentId }), querystring: Type.Object({ reference: Type.String({ maxLength: 40 }), mobile: Type.String({ maxLength: 32 }) }, { additionalProperties: false }) } },
    async (req, reply) => {
      const mobile = normaliseMobile(req.query.mobile);
      if (!mobile.ok) return reply.code(400).send(formErrors(mobile.errors));
      const request = o.store.findForConsumer(req.query.reference.toUpperCase(), mobile.value);
      if (!request) return reply.code(404).send(apiError(404, 'not-found', 'reference'));
      const res = await o.client.getPayment(req.params.paymentId);
      if (!res.ok) return centralFailure(reply, res.error, req.log);
      // A payment id guessed for someone else's request looks like any unknown one.
      if (res.value.reference !== request.reference) return reply.code(404).send(apiError(404, 'not-found', 'reference'));
      return view(res.value);
    },
  );
};

/**
 * What central is asked to open for a stored request, or undefined when the
 * request is not payable. A bill payment goes without `purpose`, exactly as
 * before prepaid recharge existed, so a central not yet upgraded accepts it.
 */
export function paymentFor(request: Pick<StoredRequest, 'reference' | 'service' | 'account' | 'fields'>): PaymentCreate | undefined {
  if (request.account === undefined) return undefined;
  const amountPaise = rupeesToPaise(Number(request.fields.amount));
  if (request.service === 'bill-payment') return { reference: request.reference, account: request.account, billId: String(request.fields.billId), amountPaise };
  if (request.service === 'prepaid-recharge') return { reference: request.reference, purpose: 'prepaid-recharge', account: request.account, amountPaise };
  return undefined;
}

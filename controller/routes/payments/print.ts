// Papers printed on request at the touchscreen: the receipt of a payment
// KESCO has confirmed (only then: the kiosk asks central afresh and prints
// nothing for a pending, failed or expired payment), and a duplicate bill
// from central's bill data. Printed straight to the printer while the
// consumer waits; the answer says whether the printer confirmed it.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { encodeDocument } from '../../../drivers/printer/escpos.js';
import type { Printer } from '../../../drivers/printer/types.js';
import type { Bilingual } from '../../services/types.js';
import { describeError, type CentralClient } from '../../central-link/index.js';
import { apiError, formErrors } from '../../http-errors.js';
import { buildDuplicateBill, buildPaymentReceipt, isConfirmed } from '../../receipts/payment-receipt.js';
import { normaliseAccount, normaliseMobile } from '../../services/validation.js';
import { PAYMENT_ID_PATTERN } from '../../../protocol/bills.js';
import type { StoredRequest } from '../../store/types.js';

export interface PaymentPrintOptions {
  client: Pick<CentralClient, 'getPayment' | 'getBills'>;
  store: { findForConsumer(reference: string, mobile: string): StoredRequest | undefined };
  printer: Pick<Printer, 'print' | 'status'>;
  paperWidthMm: 58 | 80;
  site: Bilingual;
  kioskId: string;
  now: () => Date;
}

export const paymentPrintRoutes: FastifyPluginAsyncTypebox<PaymentPrintOptions> = async (app, o) => {
  // One payment receipt per payment: the screen asks once confirmation arrives; a second ask does not print again.
  const printed = new Map<string, string>();

  const print = async (reply: FastifyReply, bytes: Uint8Array, jobId: string, log: { warn(o: object, m: string): void }) => {
    const result = await o.printer.print(bytes, jobId);
    // `printed` tells the screen to send the consumer to the paper (as for 'sent' acknowledgements);
    // `outcome` keeps the evidence: 'printed' only when the printer confirmed it (GS r).
    if (result.ok) return { printed: true as const, outcome: result.value, jobId };
    log.warn({ event: 'paper-print-failed', jobId, failure: result.error }, 'paper not printed');
    if (result.error.kind === 'not-ready') return reply.code(409).send({ ...apiError(409, 'printer-not-ready'), printer: result.error.status });
    return reply.code(504).send({ ...apiError(504, 'printer-unconfirmed'), printer: result.error.status });
  };

  app.post(
    '/api/payments/:paymentId/receipt',
    {
      schema: {
        params: Type.Object({ paymentId: Type.String({ pattern: PAYMENT_ID_PATTERN }) }),
        body: Type.Object({ reference: Type.String({ maxLength: 40 }), mobile: Type.String({ maxLength: 32 }) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const mobile = normaliseMobile(req.body.mobile);
      if (!mobile.ok) return reply.code(400).send(formErrors(mobile.errors));
      const request = o.store.findForConsumer(req.body.reference.toUpperCase(), mobile.value);
      if (!request) return reply.code(404).send(apiError(404, 'not-found', 'reference'));
      const res = await o.client.getPayment(req.params.paymentId);
      if (!res.ok) {
        req.log.warn({ event: 'central-call-failed', detail: describeError(res.error) }, 'central call failed');
        return reply.code(res.error.kind === 'http' && res.error.status === 404 ? 404 : 503).send(res.error.kind === 'http' && res.error.status === 404 ? apiError(404, 'not-found', 'reference') : apiError(503, 'central-unavailable'));
      }
      const payment = res.value;
      if (payment.reference !== request.reference) return reply.code(404).send(apiError(404, 'not-found', 'reference'));
      // Central's word, asked just now, is the only evidence of payment.
      if (!isConfirmed(payment)) return reply.code(409).send({ ...apiError(409, 'payment-not-confirmed', 'reference'), status: payment.status });
      const already = printed.get(payment.paymentId);
      if (already) return { printed: true, jobId: already, already: true };
      const jobId = `payment-${payment.paymentId}`;
      const doc = buildPaymentReceipt({ payment, site: o.site, kioskId: o.kioskId });
      const out = await print(reply, encodeDocument(doc, { paperWidthMm: o.paperWidthMm }), jobId, req.log);
      if ('printed' in out && out.printed === true) {
        printed.set(payment.paymentId, jobId);
        req.log.info({ event: 'payment-receipt-printed', reference: request.reference, paymentId: payment.paymentId, outcome: out.outcome }, `payment receipt ${out.outcome}`);
      }
      return out;
    },
  );

  app.post(
    '/api/bills/:account/duplicate',
    { schema: { params: Type.Object({ account: Type.String({ maxLength: 32 }) }), body: Type.Object({ billId: Type.String({ pattern: '^B-\\d{10}-\\d{6}$' }) }, { additionalProperties: false }) } },
    async (req, reply) => {
      const account = normaliseAccount(req.params.account);
      if (!account.ok) return reply.code(400).send(formErrors(account.errors));
      const res = await o.client.getBills(account.value);
      if (!res.ok) {
        const notFound = res.error.kind === 'http' && res.error.status === 404;
        return reply.code(notFound ? 404 : 503).send(notFound ? apiError(404, 'account-not-found', 'account') : apiError(503, 'central-unavailable'));
      }
      const bill = res.value.bills.find((b) => b.billId === req.body.billId);
      if (!bill) return reply.code(404).send(apiError(404, 'bill-not-found', 'billId'));
      const doc = buildDuplicateBill({ reply: res.value, bill, site: o.site, kioskId: o.kioskId, printedAt: o.now() });
      const out = await print(reply, encodeDocument(doc, { paperWidthMm: o.paperWidthMm }), `bill-${bill.billId}-${o.now().getTime()}`, req.log);
      if ('printed' in out) req.log.info({ event: 'duplicate-bill-printed', billId: bill.billId, outcome: out.outcome }, `duplicate bill ${out.outcome}`);
      return out;
    },
  );
};

// Simulator only, with the local central: play the two parties a newcomer
// cannot reach on one machine.
//   POST /api/sim/payments/:paymentId {"status":"captured"|"failed"|"refunded"}
//     the simulated gateway sends its signed Razorpay callback to central,
//     exactly as the real gateway would; the kiosk then sees what central says.
//   POST /api/sim/central/requests/:reference/status {"status":…, "note":"…"}
//     a help-desk operator changes the request's status at central.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sendSimulatedCallback } from '../../../central/gateway/simulated.js';
import { PaymentId } from '../../../protocol/bills.js';
import { Reference, TicketStatusChange } from '../../../protocol/requests.js';
import { describeError, type CentralClient } from '../../central-link/index.js';

export interface SimCentralRoutesOptions {
  client: Pick<CentralClient, 'getPayment'>;
  kioskId: string;
  central: { url: string; webhookSecret: string; helpdeskToken: string };
}

const tech = (code: string, message: string) => ({ code, message: { en: message, hi: message } });

export const simCentralRoutes: FastifyPluginAsyncTypebox<SimCentralRoutesOptions> = async (app, o) => {
  app.post('/api/sim/payments/:paymentId', {
    schema: {
      params: Type.Object({ paymentId: PaymentId }),
      body: Type.Object({ status: Type.Union([Type.Literal('captured'), Type.Literal('failed'), Type.Literal('refunded')]) }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    // The gateway knows the amount the consumer paid: the payment's own.
    const payment = await o.client.getPayment(req.params.paymentId);
    if (!payment.ok) {
      const notFound = payment.error.kind === 'http' && payment.error.status === 404;
      return reply.code(notFound ? 404 : 503).send(tech(notFound ? 'payment-not-found' : 'central-unavailable', describeError(payment.error)));
    }
    const sent = await sendSimulatedCallback({ centralUrl: o.central.url, webhookSecret: o.central.webhookSecret }, req.body.status, { paymentId: payment.value.paymentId, amountPaise: payment.value.amountPaise });
    return reply.code(sent.status === 200 ? 200 : 502).send({ sent: req.body.status, central: sent.body });
  });

  app.post('/api/sim/central/requests/:reference/status', {
    schema: { params: Type.Object({ reference: Reference }), body: TicketStatusChange },
  }, async (req, reply) => {
    const res = await fetch(new URL(`/api/v1/admin/requests/${o.kioskId}/${req.params.reference}/status`, o.central.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${o.central.helpdeskToken}` },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return reply.code(res.status).type('application/json').send(text);
  });
};

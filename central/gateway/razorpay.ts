// Razorpay's webhook scheme, as its documentation describes it: the
// X-Razorpay-Signature header is the HMAC-SHA256 (hex) of the raw request
// body keyed with the webhook secret set in the dashboard, and
// x-razorpay-event-id names the event (Razorpay may deliver one event more
// than once). Pure: verification and parsing only; applying an event is the
// billing service's. Central links a gateway payment to its own through the
// notes it gives the gateway when the QR is made (notes.ecorner_payment_id).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { PAYMENT_ID_PATTERN } from '../../protocol/bills.js';

export const RAZORPAY_SIGNATURE_HEADER = 'x-razorpay-signature';
export const RAZORPAY_EVENT_ID_HEADER = 'x-razorpay-event-id';
export const NOTE_PAYMENT_ID = 'ecorner_payment_id';

const Notes = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]));
const PaymentEntity = Type.Object({
  id: Type.String({ pattern: '^pay_[A-Za-z0-9]{6,40}$' }),
  entity: Type.Literal('payment'),
  amount: Type.Integer({ minimum: 0 }),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  status: Type.String(),
  notes: Type.Optional(Type.Union([Notes, Type.Array(Type.Unknown())])),
  acquirer_data: Type.Optional(Type.Object({ rrn: Type.Optional(Type.Union([Type.String(), Type.Null()])) })),
});
const RefundEntity = Type.Object({
  id: Type.String({ pattern: '^rfnd_[A-Za-z0-9]{6,40}$' }),
  entity: Type.Literal('refund'),
  amount: Type.Integer({ minimum: 0 }),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  payment_id: Type.String({ pattern: '^pay_[A-Za-z0-9]{6,40}$' }),
  status: Type.String(),
});
const RazorpayEvent = Type.Object({
  entity: Type.Literal('event'),
  event: Type.String({ maxLength: 64 }),
  payload: Type.Object({
    payment: Type.Optional(Type.Object({ entity: PaymentEntity })),
    refund: Type.Optional(Type.Object({ entity: RefundEntity })),
  }),
  created_at: Type.Integer(),
});
export type RazorpayEvent = Static<typeof RazorpayEvent>;
const checkEvent = TypeCompiler.Compile(RazorpayEvent);

/** What an event means for one of central's payments, whatever the gateway. */
export interface GatewayEvent {
  provider: 'razorpay';
  eventId: string;
  /** the gateway's event name, kept in the event log */
  name: string;
  kind: 'captured' | 'failed' | 'refunded';
  /** central's payment id from the notes, when the gateway carried it */
  paymentId: string | null;
  gatewayPaymentId: string;
  amountPaise: number;
  currency: string;
  bankRef: string | null;
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing-signature' | 'bad-signature' };

export function razorpaySignature(secret: string, rawBody: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
}

export function verifyRazorpaySignature(secret: string, rawBody: string, header: string | string[] | undefined): VerifyResult {
  if (typeof header !== 'string' || header === '') return { ok: false, reason: 'missing-signature' };
  if (!/^[0-9a-f]{64}$/.test(header)) return { ok: false, reason: 'bad-signature' };
  const expected = Buffer.from(razorpaySignature(secret, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(header, 'hex')) ? { ok: true } : { ok: false, reason: 'bad-signature' };
}

export type ParseResult = { ok: true; event: GatewayEvent } | { ok: false; ignored: true; name: string } | { ok: false; ignored: false; message: string };

/** Parses a verified body. Events central does not act on are `ignored` (acknowledged, changing nothing). */
export function parseRazorpayEvent(eventId: string, rawBody: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(rawBody);
  } catch (err) {
    return { ok: false, ignored: false, message: `body is not JSON: ${(err as Error).message}` };
  }
  if (!checkEvent.Check(data)) {
    const first = checkEvent.Errors(data).First();
    return { ok: false, ignored: false, message: `not a Razorpay event: ${first ? `${first.path || '/'} ${first.message}` : 'unexpected shape'}` };
  }
  const payment = data.payload.payment?.entity;
  const notes = payment?.notes && !Array.isArray(payment.notes) ? payment.notes : {};
  const noted = notes[NOTE_PAYMENT_ID];
  const paymentId = typeof noted === 'string' && new RegExp(PAYMENT_ID_PATTERN).test(noted) ? noted : null;
  const bankRef = payment?.acquirer_data?.rrn && /^[A-Za-z0-9]{6,40}$/.test(payment.acquirer_data.rrn) ? payment.acquirer_data.rrn : null;
  switch (data.event) {
    case 'payment.captured':
    case 'payment.failed':
      if (!payment) return { ok: false, ignored: false, message: `${data.event} without payload.payment` };
      return { ok: true, event: { provider: 'razorpay', eventId, name: data.event, kind: data.event === 'payment.captured' ? 'captured' : 'failed', paymentId, gatewayPaymentId: payment.id, amountPaise: payment.amount, currency: payment.currency, bankRef } };
    case 'refund.processed': {
      const refund = data.payload.refund?.entity;
      if (!refund) return { ok: false, ignored: false, message: 'refund.processed without payload.refund' };
      return { ok: true, event: { provider: 'razorpay', eventId, name: data.event, kind: 'refunded', paymentId, gatewayPaymentId: refund.payment_id, amountPaise: refund.amount, currency: refund.currency, bankRef: null } };
    }
    default:
      return { ok: false, ignored: true, name: data.event };
  }
}

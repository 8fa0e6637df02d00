// The simulator's payment gateway: what Razorpay would send when a consumer
// pays (or fails to pay, or is refunded), built and signed exactly as
// Razorpay does, and posted to central's webhook. Central cannot tell it
// from the real gateway except by the secret, which is the point.
import { randomBytes } from 'node:crypto';
import { NOTE_PAYMENT_ID, RAZORPAY_EVENT_ID_HEADER, RAZORPAY_SIGNATURE_HEADER, razorpaySignature } from './razorpay.js';

export const RAZORPAY_WEBHOOK_PATH = '/api/v1/gateway/razorpay';

export interface SimulatedPayment {
  paymentId: string;
  amountPaise: number;
  currency?: string;
  /** the gateway's own id; a new one is made up when absent */
  gatewayPaymentId?: string;
}

const id = (prefix: string) => `${prefix}_${randomBytes(10).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`;

/** A Razorpay event body (payment.captured, payment.failed or refund.processed) for one of central's payments. */
export function razorpayEventBody(kind: 'captured' | 'failed' | 'refunded', p: SimulatedPayment, at: Date = new Date()): string {
  const created = Math.floor(at.getTime() / 1000);
  const currency = p.currency ?? 'INR';
  const payment = {
    id: p.gatewayPaymentId ?? id('pay'),
    entity: 'payment',
    amount: p.amountPaise,
    currency,
    status: kind === 'failed' ? 'failed' : kind === 'refunded' ? 'refunded' : 'captured',
    method: 'upi',
    notes: { [NOTE_PAYMENT_ID]: p.paymentId },
    acquirer_data: { rrn: kind === 'failed' ? null : String(100000000000 + (created % 900000000000)) },
    created_at: created,
  };
  const payload = kind === 'refunded'
    ? { refund: { entity: { id: id('rfnd'), entity: 'refund', amount: p.amountPaise, currency, payment_id: payment.id, status: 'processed', created_at: created } }, payment: { entity: payment } }
    : { payment: { entity: payment } };
  const event = kind === 'captured' ? 'payment.captured' : kind === 'failed' ? 'payment.failed' : 'refund.processed';
  return JSON.stringify({ entity: 'event', account_id: 'acc_SimulatorKESCO', event, contains: Object.keys(payload), payload, created_at: created });
}

/** Headers Razorpay adds: the signature over the exact body and the event id. */
export function razorpayHeaders(secret: string, body: string, eventId: string = id('evt')): Record<string, string> {
  return { 'content-type': 'application/json', [RAZORPAY_SIGNATURE_HEADER]: razorpaySignature(secret, body), [RAZORPAY_EVENT_ID_HEADER]: eventId };
}

export interface SimulatedGatewayOptions {
  centralUrl: string;
  webhookSecret: string;
  fetch?: typeof fetch;
}

/** Sends a signed callback to central and returns central's answer. */
export async function sendSimulatedCallback(o: SimulatedGatewayOptions, kind: 'captured' | 'failed' | 'refunded', p: SimulatedPayment): Promise<{ status: number; body: unknown }> {
  const body = razorpayEventBody(kind, p);
  const res = await (o.fetch ?? fetch)(new URL(RAZORPAY_WEBHOOK_PATH, o.centralUrl), { method: 'POST', headers: razorpayHeaders(o.webhookSecret, body), body, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed };
}

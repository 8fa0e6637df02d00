// Bill lookup and UPI payments (reference back end until KESCO billing is connected).
import { Type, type Static } from '@sinclair/typebox';
import { Reference } from './requests.js';

export const ACCOUNT_PATTERN = '^\\d{10}$';
export const Account = Type.String({ pattern: ACCOUNT_PATTERN });

export const Bill = Type.Object({
  billId: Type.String({ pattern: '^B-\\d{10}-\\d{6}$' }),
  /** billing month, yyyy-mm */
  period: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
  unitsKwh: Type.Integer({ minimum: 0 }),
  amountPaise: Type.Integer({ minimum: 0 }),
  dueDate: Type.String({ format: 'date' }),
  status: Type.Union([Type.Literal('unpaid'), Type.Literal('paid')]),
}, { additionalProperties: false });
export type Bill = Static<typeof Bill>;

export const BillReply = Type.Object({
  account: Account,
  /** masked for display at the kiosk: first name plus initial */
  consumerName: Type.String({ maxLength: 80 }),
  category: Type.String({ maxLength: 40 }),
  outstandingPaise: Type.Integer({ minimum: 0 }),
  bills: Type.Array(Bill, { maxItems: 12 }),
}, { additionalProperties: false });
export type BillReply = Static<typeof BillReply>;

export const PaymentCreate = Type.Object({
  /** the kiosk reference of the bill-payment request: the idempotency key */
  reference: Reference,
  account: Account,
  billId: Type.String({ pattern: '^B-\\d{10}-\\d{6}$' }),
  amountPaise: Type.Integer({ minimum: 100, maximum: 100_000_000 }),
}, { additionalProperties: false });
export type PaymentCreate = Static<typeof PaymentCreate>;

export const PaymentStatus = Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('failed'), Type.Literal('expired')]);
export type PaymentStatus = Static<typeof PaymentStatus>;

export const Payment = Type.Object({
  paymentId: Type.String({ pattern: '^P-\\d{8,}$' }),
  reference: Reference,
  account: Account,
  billId: Type.String(),
  amountPaise: Type.Integer({ minimum: 0 }),
  /** goes into the UPI QR as tr= */
  upiRef: Type.String({ pattern: '^[A-Z0-9]{12,35}$' }),
  status: PaymentStatus,
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  confirmedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** bank reference number from the gateway's confirmation */
  bankRef: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
}, { additionalProperties: false });
export type Payment = Static<typeof Payment>;

export const PaymentConfirmation = Type.Object({
  status: Type.Union([Type.Literal('confirmed'), Type.Literal('failed')]),
  bankRef: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{6,40}$' })),
}, { additionalProperties: false });
export type PaymentConfirmation = Static<typeof PaymentConfirmation>;

// Bill lookup and UPI payments (reference back end until KESCO billing is connected).
import { Type, type Static } from '@sinclair/typebox';
import { Reference } from './requests.js';

export const ACCOUNT_PATTERN = '^\\d{10}$';
export const Account = Type.String({ pattern: ACCOUNT_PATTERN });

/** KESCO moved from 8- to 10-digit connection numbers; old numbers stay valid for a while. */
export const LegacyAccount = Type.String({ pattern: '^\\d{8}$' });
export const LegacyAccountReply = Type.Object({ legacyAccount: LegacyAccount, account: Account }, { additionalProperties: false });
export type LegacyAccountReply = Static<typeof LegacyAccountReply>;

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

/** What a payment is for. A bill payment settles one bill; a prepaid recharge tops up a smart prepaid meter. */
export const PaymentPurpose = Type.Union([Type.Literal('bill'), Type.Literal('prepaid-recharge')]);
export type PaymentPurpose = Static<typeof PaymentPurpose>;

/** Prepaid recharge limits, in paise: ₹100 to ₹50,000 (the kiosk catalogue's amount field). */
export const RECHARGE_MIN_PAISE = 10_000;
export const RECHARGE_MAX_PAISE = 5_000_000;

/** A bill payment. `purpose` may be left out: kiosks from before prepaid recharge send no purpose. */
export const BillPaymentCreate = Type.Object({
  /** the kiosk reference of the bill-payment request: the idempotency key */
  reference: Reference,
  purpose: Type.Optional(Type.Literal('bill')),
  account: Account,
  billId: Type.String({ pattern: '^B-\\d{10}-\\d{6}$' }),
  amountPaise: Type.Integer({ minimum: 100, maximum: 100_000_000 }),
}, { additionalProperties: false });
export type BillPaymentCreate = Static<typeof BillPaymentCreate>;

/**
 * A smart prepaid meter recharge: no bill. The amount range (RECHARGE_MIN_PAISE
 * to RECHARGE_MAX_PAISE) is checked by central's billing service, which
 * answers `amount-out-of-range` with the limits, rather than by this schema,
 * whose union would only say "must match a schema in anyOf".
 */
export const RechargePaymentCreate = Type.Object({
  /** the kiosk reference of the prepaid-recharge request: the idempotency key */
  reference: Reference,
  purpose: Type.Literal('prepaid-recharge'),
  account: Account,
  amountPaise: Type.Integer({ minimum: 100, maximum: 100_000_000 }),
}, { additionalProperties: false });
export type RechargePaymentCreate = Static<typeof RechargePaymentCreate>;

export const PaymentCreate = Type.Union([BillPaymentCreate, RechargePaymentCreate]);
export type PaymentCreate = Static<typeof PaymentCreate>;

/** `confirmed` and `refunded` come only from the gateway's signed callback, never from a person. */
export const PaymentStatus = Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('failed'), Type.Literal('expired'), Type.Literal('refunded')]);
export type PaymentStatus = Static<typeof PaymentStatus>;

/** 128 random bits: a payment id cannot be guessed from another one. */
export const PAYMENT_ID_PATTERN = '^P-[0-9a-f]{32}$';
export const PaymentId = Type.String({ pattern: PAYMENT_ID_PATTERN });

export const Payment = Type.Object({
  paymentId: PaymentId,
  reference: Reference,
  account: Account,
  purpose: PaymentPurpose,
  /** the bill this payment settles; null for a prepaid recharge */
  billId: Type.Union([Type.String(), Type.Null()]),
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

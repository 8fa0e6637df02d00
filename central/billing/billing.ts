// Bills and UPI payments. A payment is created pending; only the gateway's
// signed callback (gateway/razorpay.ts, applied here) makes it confirmed,
// failed or refunded. Never assumed, and no person can set it.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { GatewayEvent } from '../gateway/razorpay.js';
import { RECHARGE_MAX_PAISE, RECHARGE_MIN_PAISE, type BillReply, type LegacyAccountReply, type Payment, type PaymentCreate, type PaymentPurpose } from '../../protocol/bills.js';
import { bodyHash } from '../intake/canonical.js';
import { legacyOf, seedConsumers } from './seed.js';

interface PaymentRow {
  id: number;
  /** what kiosks and the gateway see: 'P-' and 128 random bits */
  public_id: string;
  gateway_payment_id: string | null;
  refunded_at: string | null;
  kiosk_id: string;
  reference: string;
  body_hash: string;
  purpose: PaymentPurpose;
  account: string;
  /** null for a prepaid recharge */
  bill_id: string | null;
  amount_paise: number;
  upi_ref: string;
  status: 'pending' | 'confirmed' | 'failed' | 'refunded';
  created_at: string;
  expires_at: string;
  confirmed_at: string | null;
  bank_ref: string | null;
}

export type Failure = { ok: false; status: 404 | 409 | 422; code: string; message: string };

const rupeeText = (paise: number) => `₹${paise / 100}`;

/** "Ramesh Verma" → "Ramesh V." — enough for a consumer to recognise, not a full name on a public screen. */
export function maskName(name: string): string {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(' ')} ${parts[parts.length - 1]![0]}.`;
}

const newPaymentId = () => `P-${randomBytes(16).toString('hex')}`;

/** What applying a gateway event did; every outcome is kept in gateway_events. */
export type GatewayOutcome =
  | 'applied'
  | 'duplicate-event'
  | 'already-settled'
  | 'payment-not-found'
  | 'amount-mismatch'
  | 'currency-mismatch'
  | 'not-applicable';

export interface GatewayResult {
  outcome: GatewayOutcome;
  detail: string;
  payment?: Payment;
}

export class BillingService {
  private readonly s;

  constructor(private readonly db: Db, private readonly now: () => Date, private readonly expiryMinutes: number) {
    this.s = {
      consumer: db.prepare(`SELECT * FROM consumers WHERE account = ?`),
      bills: db.prepare(`SELECT * FROM bills WHERE account = ? ORDER BY period DESC LIMIT 12`),
      bill: db.prepare(`SELECT * FROM bills WHERE id = ?`),
      payBill: db.prepare(`UPDATE bills SET status = 'paid' WHERE id = ?`),
      countConsumers: db.prepare(`SELECT COUNT(*) AS n FROM consumers`),
      insertConsumer: db.prepare(`INSERT INTO consumers (account, name, category, circle) VALUES (?, ?, ?, ?)`),
      insertLegacy: db.prepare(`INSERT OR IGNORE INTO legacy_accounts (legacy, account) VALUES (?, ?)`),
      legacy: db.prepare(`SELECT legacy, account FROM legacy_accounts WHERE legacy = ?`),
      insertBill: db.prepare(`INSERT INTO bills (id, account, period, units_kwh, amount_paise, due_date, status) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      paymentByRef: db.prepare(`SELECT * FROM payments WHERE kiosk_id = ? AND reference = ?`),
      paymentById: db.prepare(`SELECT * FROM payments WHERE id = ?`),
      paymentByPublicId: db.prepare(`SELECT * FROM payments WHERE public_id = ?`),
      paymentByGatewayId: db.prepare(`SELECT * FROM payments WHERE gateway_payment_id = ?`),
      eventSeen: db.prepare(`SELECT outcome FROM gateway_events WHERE event_id = ?`),
      recordEvent: db.prepare(`INSERT INTO gateway_events (event_id, provider, event, payment_id, outcome, detail, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      settle: db.prepare(`UPDATE payments SET status = ?, confirmed_at = ?, bank_ref = ?, gateway_payment_id = ? WHERE id = ?`),
      refund: db.prepare(`UPDATE payments SET status = 'refunded', refunded_at = ? WHERE id = ?`),
      unpayBill: db.prepare(`UPDATE bills SET status = 'unpaid' WHERE id = ?`),
      pendingForBill: db.prepare(`SELECT * FROM payments WHERE bill_id = ? AND status = 'pending' AND expires_at > ?`),
      insertPayment: db.prepare(`INSERT INTO payments (public_id, kiosk_id, reference, body_hash, purpose, account, bill_id, amount_paise, upi_ref, status, created_at, expires_at)
                                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`),
      setUpiRef: db.prepare(`UPDATE payments SET upi_ref = ? WHERE id = ?`),
    };
  }

  /** Seeds synthetic consumers once, into an empty table. */
  seed(count: number): number {
    if ((this.s.countConsumers.get() as { n: number }).n > 0 || count === 0) return 0;
    const consumers = seedConsumers(count, this.now());
    this.db.transaction(() => {
      for (const c of consumers) {
        this.s.insertConsumer.run(c.account, c.name, c.category, c.circle);
        this.s.insertLegacy.run(legacyOf(c.account), c.account);
        for (const b of c.bills) this.s.insertBill.run(b.id, c.account, b.period, b.unitsKwh, b.amountPaise, b.dueDate, b.status);
      }
    })();
    return consumers.length;
  }

  /** The 10-digit number that replaced an old 8-digit one. */
  legacyAccount(legacy: string): LegacyAccountReply | undefined {
    const row = this.s.legacy.get(legacy) as { legacy: string; account: string } | undefined;
    return row ? { legacyAccount: row.legacy, account: row.account } : undefined;
  }

  bills(account: string): BillReply | undefined {
    const c = this.s.consumer.get(account) as { account: string; name: string; category: string } | undefined;
    if (!c) return undefined;
    const rows = this.s.bills.all(account) as Array<{ id: string; period: string; units_kwh: number; amount_paise: number; due_date: string; status: 'paid' | 'unpaid' }>;
    const bills = rows.map((b) => ({ billId: b.id, period: b.period, unitsKwh: b.units_kwh, amountPaise: b.amount_paise, dueDate: b.due_date, status: b.status }));
    return {
      account,
      consumerName: maskName(c.name),
      category: c.category,
      outstandingPaise: bills.filter((b) => b.status === 'unpaid').reduce((s, b) => s + b.amountPaise, 0),
      bills,
    };
  }

  createPayment(kioskId: string, body: PaymentCreate): { ok: true; created: boolean; payment: Payment } | Failure {
    // The idempotency key is the kiosk reference; the hash is over what the
    // payment means. A bill payment hashes exactly as before prepaid recharge
    // existed (no purpose), so `purpose: 'bill'` and no purpose are the same
    // body, and payments stored by an older central still match.
    const canonical = body.purpose === 'prepaid-recharge'
      ? { reference: body.reference, purpose: body.purpose, account: body.account, amountPaise: body.amountPaise }
      : { reference: body.reference, account: body.account, billId: body.billId, amountPaise: body.amountPaise };
    const hash = bodyHash(canonical);
    return this.db.transaction((): { ok: true; created: boolean; payment: Payment } | Failure => {
      const existing = this.s.paymentByRef.get(kioskId, body.reference) as PaymentRow | undefined;
      if (existing) {
        if (existing.body_hash !== hash) return { ok: false, status: 409, code: 'idempotency-conflict', message: `reference ${body.reference} already has ${existing.purpose === 'bill' ? 'bill' : 'prepaid-recharge'} payment ${existing.public_id} with different details` };
        return { ok: true, created: false, payment: this.toPayment(existing) };
      }
      if (body.purpose === 'prepaid-recharge') {
        if (!this.s.consumer.get(body.account)) return { ok: false, status: 404, code: 'account-not-found', message: `no consumer with account ${body.account}` };
        if (body.amountPaise < RECHARGE_MIN_PAISE || body.amountPaise > RECHARGE_MAX_PAISE) {
          return { ok: false, status: 422, code: 'amount-out-of-range', message: `prepaid recharge of ${body.amountPaise} paise is outside ${RECHARGE_MIN_PAISE}-${RECHARGE_MAX_PAISE} paise (${rupeeText(RECHARGE_MIN_PAISE)} to ${rupeeText(RECHARGE_MAX_PAISE)})` };
        }
        return { ok: true, created: true, payment: this.insert(kioskId, body.reference, hash, 'prepaid-recharge', body.account, null, body.amountPaise) };
      }
      const bill = this.s.bill.get(body.billId) as { account: string; amount_paise: number; status: string } | undefined;
      if (!bill || bill.account !== body.account) return { ok: false, status: 404, code: 'bill-not-found', message: `no bill ${body.billId} for account ${body.account}` };
      if (bill.status === 'paid') return { ok: false, status: 409, code: 'bill-already-paid', message: `bill ${body.billId} is already paid` };
      if (bill.amount_paise !== body.amountPaise) return { ok: false, status: 409, code: 'amount-mismatch', message: `bill ${body.billId} is for ${bill.amount_paise} paise, not ${body.amountPaise}` };
      const open = this.s.pendingForBill.get(body.billId, this.now().toISOString()) as PaymentRow | undefined;
      if (open) return { ok: false, status: 409, code: 'payment-in-progress', message: `bill ${body.billId} already has pending payment ${open.public_id} (until ${open.expires_at})` };
      return { ok: true, created: true, payment: this.insert(kioskId, body.reference, hash, 'bill', body.account, body.billId, body.amountPaise) };
    })();
  }

  /** Inserts a pending payment with its expiry and UPI reference; call inside a transaction. */
  private insert(kioskId: string, reference: string, hash: string, purpose: PaymentPurpose, account: string, billId: string | null, amountPaise: number): Payment {
    const now = this.now();
    const expires = new Date(now.getTime() + this.expiryMinutes * 60_000);
    const info = this.s.insertPayment.run(newPaymentId(), kioskId, reference, hash, purpose, account, billId, amountPaise, `TMP${reference}`, now.toISOString(), expires.toISOString());
    const id = Number(info.lastInsertRowid);
    // UPI tr=: letters and digits only, unique: date plus the row id.
    const stamp = now.toISOString().replace(/\D/g, '').slice(2, 14);
    this.s.setUpiRef.run(`KESCO${stamp}${String(id).padStart(8, '0')}`, id);
    return this.toPayment(this.s.paymentById.get(id) as PaymentRow);
  }

  /** Any kiosk's payment, for central's own staff. */
  findPayment(paymentId: string): Payment | undefined {
    const row = this.rowFor(paymentId);
    return row ? this.toPayment(row) : undefined;
  }

  getPayment(kioskId: string, paymentId: string): Payment | undefined {
    const row = this.rowFor(paymentId);
    return row && row.kiosk_id === kioskId ? this.toPayment(row) : undefined;
  }

  /**
   * Applies one verified gateway event, exactly once per event id. The
   * amount and currency must be the payment's; a refund must follow a
   * capture. Whatever happens is recorded under the event id, so a replay
   * (same id) changes nothing and answers the first outcome.
   */
  applyGatewayEvent(e: GatewayEvent): GatewayResult {
    return this.db.transaction((): GatewayResult => {
      const seen = this.s.eventSeen.get(e.eventId) as { outcome: string } | undefined;
      if (seen) return { outcome: 'duplicate-event', detail: `event ${e.eventId} was already handled (${seen.outcome})` };
      const r = this.decide(e);
      this.s.recordEvent.run(e.eventId, e.provider, e.name, r.payment?.paymentId ?? e.paymentId, r.outcome, r.detail, this.now().toISOString());
      return r;
    })();
  }

  private decide(e: GatewayEvent): GatewayResult {
    const row = (e.paymentId ? this.s.paymentByPublicId.get(e.paymentId) : undefined) as PaymentRow | undefined
      ?? this.s.paymentByGatewayId.get(e.gatewayPaymentId) as PaymentRow | undefined;
    if (!row) return { outcome: 'payment-not-found', detail: `no payment ${e.paymentId ?? e.gatewayPaymentId}` };
    if (row.gateway_payment_id !== null && row.gateway_payment_id !== e.gatewayPaymentId) {
      return { outcome: 'not-applicable', detail: `payment ${row.public_id} was settled by gateway payment ${row.gateway_payment_id}, not ${e.gatewayPaymentId}` };
    }
    if (e.currency !== 'INR') return { outcome: 'currency-mismatch', detail: `payment ${row.public_id} is in INR, the event in ${e.currency}` };
    if (e.amountPaise !== row.amount_paise) return { outcome: 'amount-mismatch', detail: `payment ${row.public_id} is for ${row.amount_paise} paise, the event for ${e.amountPaise}` };
    const at = this.now().toISOString();
    if (e.kind === 'refunded') {
      if (row.status !== 'confirmed') return { outcome: row.status === 'refunded' ? 'already-settled' : 'not-applicable', detail: `payment ${row.public_id} is ${row.status}; only a captured payment is refunded` };
      this.s.refund.run(at, row.id);
      // The bill is owed again; a recharge's units are the billing system's to reverse.
      if (row.purpose === 'bill' && row.bill_id !== null) this.s.unpayBill.run(row.bill_id);
      return { outcome: 'applied', detail: `payment ${row.public_id} refunded`, payment: this.toPayment(this.s.paymentById.get(row.id) as PaymentRow) };
    }
    const target = e.kind === 'captured' ? 'confirmed' : 'failed';
    if (row.status === target) return { outcome: 'already-settled', detail: `payment ${row.public_id} is already ${row.status}`, payment: this.toPayment(row) };
    // A capture after a failure is real (a late bank answer); nothing moves a payment out of confirmed or refunded but a refund.
    if (row.status === 'confirmed' || row.status === 'refunded' || (row.status === 'failed' && target === 'failed')) {
      return { outcome: 'already-settled', detail: `payment ${row.public_id} is already ${row.status}`, payment: this.toPayment(row) };
    }
    // A confirmation after the QR expired still counts: the money has moved.
    this.s.settle.run(target, at, e.bankRef, e.gatewayPaymentId, row.id);
    // A recharge has no bill: its confirmation settles the payment only.
    if (target === 'confirmed' && row.purpose === 'bill' && row.bill_id !== null) this.s.payBill.run(row.bill_id);
    return { outcome: 'applied', detail: `payment ${row.public_id} ${target}`, payment: this.toPayment(this.s.paymentById.get(row.id) as PaymentRow) };
  }

  private rowFor(paymentId: string): PaymentRow | undefined {
    return this.s.paymentByPublicId.get(paymentId) as PaymentRow | undefined;
  }

  private toPayment(r: PaymentRow): Payment {
    const expired = r.status === 'pending' && Date.parse(r.expires_at) <= this.now().getTime();
    return {
      paymentId: r.public_id,
      reference: r.reference,
      account: r.account,
      purpose: r.purpose,
      billId: r.bill_id,
      amountPaise: r.amount_paise,
      upiRef: r.upi_ref,
      status: expired ? 'expired' : r.status,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      confirmedAt: r.confirmed_at,
      bankRef: r.bank_ref,
    };
  }
}

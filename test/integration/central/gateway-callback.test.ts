// Payments change only through the gateway's signed callback (Razorpay's
// scheme: HMAC-SHA256 of the raw body with the webhook secret, event id
// header). Forged, replayed, wrongly signed or mismatched callbacks change
// nothing; a genuine one counts once; a refund is handled; no person can
// mark a payment paid.
import t from 'tap';
import { FIRST_SEED_ACCOUNT } from '../../../central/billing/seed.js';
import { razorpayEventBody, razorpaySignatureFor } from '../../fixtures/central/razorpay.js';
import { startTestCentral, type TestCentral } from '../../fixtures/central/central-helper.js';

async function openPayment(c: TestCentral, reference = 'KE-DLS-251126-00007') {
  const bill = (await c.kioskFetch('GET', `/api/v1/bills/${FIRST_SEED_ACCOUNT}`)).json.bills.find((b: any) => b.status === 'unpaid');
  const created = await c.kioskFetch('POST', '/api/v1/payments', { reference, account: FIRST_SEED_ACCOUNT, billId: bill.billId, amountPaise: bill.amountPaise });
  return { bill, payment: created.json as { paymentId: string; amountPaise: number; status: string } };
}

/** What a kiosk and the bill see; a forged callback must leave both as they were. */
async function snapshot(c: TestCentral, paymentId: string, billId: string) {
  const payment = (await c.kioskFetch('GET', `/api/v1/payments/${paymentId}`)).json;
  const bill = (await c.kioskFetch('GET', `/api/v1/bills/${FIRST_SEED_ACCOUNT}`)).json.bills.find((b: any) => b.billId === billId);
  return { status: payment.status, bankRef: payment.bankRef, bill: bill.status };
}

t.test('forged, wrongly signed and mismatched callbacks change nothing', async (t) => {
  const c = await startTestCentral(t);
  const { bill, payment } = await openPayment(c);
  const before = await snapshot(c, payment.paymentId, bill.billId);
  t.same(before, { status: 'pending', bankRef: null, bill: 'unpaid' });
  const genuine = { paymentId: payment.paymentId, amountPaise: payment.amountPaise };

  const cases: Array<[string, Parameters<TestCentral['gatewayCallback']>, number, string | null]> = [
    ['no signature', ['captured', genuine, { signature: '' }], 401, 'missing-signature'],
    ['a made-up signature', ['captured', genuine, { signature: 'ab'.repeat(32) }], 401, 'bad-signature'],
    ['signed with the wrong secret', ['captured', genuine, { secret: 'whsec-someone-else-7Kq2mZ9xL4pR8tV1' }], 401, 'bad-signature'],
    ['a body changed after signing', ['captured', genuine, { signature: razorpaySignatureFor(razorpayEventBody('captured', { ...genuine, amountPaise: 100 })) }], 401, 'bad-signature'],
  ];
  for (const [label, args, status, error] of cases) {
    const r = await c.gatewayCallback(...args);
    t.equal(r.status, status, `${label}: ${status}`);
    if (error) t.equal(r.json.error, error, `${label}: ${error}`);
    t.same(await snapshot(c, payment.paymentId, bill.billId), before, `${label}: nothing changed`);
  }
  t.equal(c.count('gateway_events'), 0, 'refused callbacks are not recorded as events');

  const cheap = await c.gatewayCallback('captured', { ...genuine, amountPaise: payment.amountPaise - 100 });
  t.equal(cheap.status, 200, 'a genuine event is acknowledged …');
  t.equal(cheap.json.outcome, 'amount-mismatch', '… but an amount other than the bill\'s is not applied');
  const dollars = await c.gatewayCallback('captured', { ...genuine, currency: 'USD' });
  t.equal(dollars.json.outcome, 'currency-mismatch');
  const stranger = await c.gatewayCallback('captured', { paymentId: `P-${'0'.repeat(32)}`, amountPaise: payment.amountPaise });
  t.equal(stranger.json.outcome, 'payment-not-found');
  const refundFirst = await c.gatewayCallback('refunded', genuine);
  t.equal(refundFirst.json.outcome, 'not-applicable', 'no refund of a payment never captured');
  t.same(await snapshot(c, payment.paymentId, bill.billId), before, 'still pending, bill still unpaid');
  const missingId = await fetch(`${c.url}/api/v1/gateway/razorpay`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-razorpay-signature': razorpaySignatureFor('{}') }, body: '{}' });
  t.equal(missingId.status, 400, 'a signed event without its event id is refused');
  t.equal(c.count('gateway_events'), 4, 'each genuine but refused event is recorded once, with its outcome');
});

t.test('a genuine callback twice is one payment; a replayed event id changes nothing; a refund reverses it', async (t) => {
  const c = await startTestCentral(t);
  const { bill, payment } = await openPayment(c);
  const p = { paymentId: payment.paymentId, amountPaise: payment.amountPaise, gatewayPaymentId: 'pay_Q7mZ2pL9xK4rT8' };
  const first = await c.gatewayCallback('captured', p, { eventId: 'evt_first0000001' });
  t.same(first.json, { eventId: 'evt_first0000001', outcome: 'applied', detail: `payment ${payment.paymentId} confirmed` });
  const paid = await snapshot(c, payment.paymentId, bill.billId);
  t.match(paid, { status: 'confirmed', bill: 'paid' });
  // Razorpay re-delivers the same event (same id): nothing happens twice.
  const again = await c.gatewayCallback('captured', p, { eventId: 'evt_first0000001' });
  t.equal(again.json.outcome, 'duplicate-event');
  // The gateway sends the capture again under a new event id: still one payment.
  const twice = await c.gatewayCallback('captured', p, { eventId: 'evt_second000002' });
  t.equal(twice.json.outcome, 'already-settled');
  t.equal((c.app.central.db.prepare(`SELECT COUNT(*) AS n FROM payments WHERE status = 'confirmed'`).get() as { n: number }).n, 1, 'one confirmed payment');
  const other = await c.gatewayCallback('captured', { ...p, gatewayPaymentId: 'pay_SomeoneElse0001' });
  t.equal(other.json.outcome, 'not-applicable', 'another gateway payment cannot claim it');

  const refund = await c.gatewayCallback('refunded', p, { eventId: 'evt_refund000003' });
  t.equal(refund.json.outcome, 'applied');
  t.match(await snapshot(c, payment.paymentId, bill.billId), { status: 'refunded', bill: 'unpaid' }, 'refunded, and the bill is owed again');
  // Replaying the earlier capture (old event id) cannot undo the refund; nor can a fresh capture.
  t.equal((await c.gatewayCallback('captured', p, { eventId: 'evt_first0000001' })).json.outcome, 'duplicate-event');
  t.equal((await c.gatewayCallback('captured', p, { eventId: 'evt_replay000004' })).json.outcome, 'already-settled');
  t.equal((await c.kioskFetch('GET', `/api/v1/payments/${payment.paymentId}`)).json.status, 'refunded');
  const events = c.app.central.db.prepare(`SELECT event_id, outcome FROM gateway_events ORDER BY rowid`).all();
  t.same(events, [
    { event_id: 'evt_first0000001', outcome: 'applied' },
    { event_id: 'evt_second000002', outcome: 'already-settled' },
    { event_id: (events[2] as { event_id: string }).event_id, outcome: 'not-applicable' },
    { event_id: 'evt_refund000003', outcome: 'applied' },
    { event_id: 'evt_replay000004', outcome: 'already-settled' },
  ]);
});

t.test('a failed payment, and a capture that arrives after it', async (t) => {
  const c = await startTestCentral(t);
  const { bill, payment } = await openPayment(c);
  const p = { paymentId: payment.paymentId, amountPaise: payment.amountPaise, gatewayPaymentId: 'pay_LateBank00001' };
  t.equal((await c.gatewayCallback('failed', p)).json.outcome, 'applied');
  t.match(await snapshot(c, payment.paymentId, bill.billId), { status: 'failed', bill: 'unpaid' });
  t.equal((await c.gatewayCallback('captured', p)).json.outcome, 'applied', 'the bank\'s late success counts: the money moved');
  t.match(await snapshot(c, payment.paymentId, bill.billId), { status: 'confirmed', bill: 'paid' });
});

t.test('payment ids are random (128 bits), and no person can mark a payment paid', async (t) => {
  const c = await startTestCentral(t);
  const ids = new Set<string>();
  for (let i = 0; i < 5; i++) {
    const r = await c.kioskFetch('POST', '/api/v1/payments', { reference: `KE-DLS-251126-0010${i}`, purpose: 'prepaid-recharge', account: FIRST_SEED_ACCOUNT, amountPaise: 20_000 });
    t.match(r.json.paymentId, /^P-[0-9a-f]{32}$/);
    ids.add(r.json.paymentId);
  }
  t.equal(ids.size, 5);
  const prefixes = new Set([...ids].map((x) => x.slice(0, 6)));
  t.ok(prefixes.size >= 2, 'ids do not share a sequential stem');
  const id = [...ids][0]!;
  for (const role of ['viewer', 'helpdesk', 'admin'] as const) {
    for (const path of [`/api/v1/admin/payments/${id}/confirmation`, `/api/v1/admin/payments/${id}`, `/api/v1/payments/${id}`]) {
      const r = await c.operatorFetch(role, 'POST', path, { status: 'confirmed', bankRef: 'FORGED123' });
      t.ok([401, 404].includes(r.status), `${role} POST ${path.replace(id, ':id')}: ${r.status}`);
    }
  }
  t.equal((await c.kioskFetch('GET', `/api/v1/payments/${id}`)).json.status, 'pending', 'still pending');
});

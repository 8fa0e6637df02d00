// Seeded bills, payment creation (idempotent), confirmation only through the
// gateway stand-in, polled by the kiosk.
import t from 'tap';
import { FIRST_SEED_ACCOUNT } from '../../../central/billing/seed.js';
import { startTestCentral } from '../../fixtures/central/central-helper.js';

t.test('bill lookup', async (t) => {
  const c = await startTestCentral(t);
  const res = await c.kioskFetch('GET', `/api/v1/bills/${FIRST_SEED_ACCOUNT}`);
  t.equal(res.status, 200);
  t.equal(res.json.account, FIRST_SEED_ACCOUNT);
  t.equal(res.json.bills.length, 3);
  t.match(res.json.consumerName, /^\S+( \S+)* [A-Z]\.$/, 'surname reduced to an initial');
  const unpaid = res.json.bills.filter((b: any) => b.status === 'unpaid');
  t.equal(res.json.outstandingPaise, unpaid.reduce((s: number, b: any) => s + b.amountPaise, 0));

  t.equal((await c.kioskFetch('GET', '/api/v1/bills/2199999999')).status, 404);
  const bad = await c.kioskFetch('GET', '/api/v1/bills/12345678');
  t.equal(bad.status, 400, 'legacy 8-digit numbers are not looked up');
  t.equal((await fetch(`${c.url}/api/v1/bills/${FIRST_SEED_ACCOUNT}`)).status, 401, 'unsigned lookup refused');
});

t.test('payment: create, repeat, confirm, poll', async (t) => {
  const c = await startTestCentral(t);
  const bills = (await c.kioskFetch('GET', `/api/v1/bills/${FIRST_SEED_ACCOUNT}`)).json;
  const bill = bills.bills.find((b: any) => b.status === 'unpaid');
  t.ok(bill, 'the first seeded consumer has an unpaid bill');
  const body = { reference: 'KE-DLS-251126-00007', account: FIRST_SEED_ACCOUNT, billId: bill.billId, amountPaise: bill.amountPaise };

  const wrongAmount = await c.kioskFetch('POST', '/api/v1/payments', { ...body, amountPaise: bill.amountPaise + 100 });
  t.equal(wrongAmount.status, 409);
  t.equal(wrongAmount.json.error, 'amount-mismatch');
  t.equal(c.count('payments'), 0);

  const created = await c.kioskFetch('POST', '/api/v1/payments', body);
  t.equal(created.status, 201);
  t.match(created.json, { status: 'pending', upiRef: /^KESCO\d{20}$/, confirmedAt: null });
  const repeat = await c.kioskFetch('POST', '/api/v1/payments', body);
  t.equal(repeat.status, 200);
  t.same(repeat.json, created.json, 'same payment on repeat');
  const second = await c.kioskFetch('POST', '/api/v1/payments', { ...body, reference: 'KE-DLS-251126-00008' });
  t.equal(second.status, 409, 'one open payment per bill');
  t.equal(second.json.error, 'payment-in-progress');

  const id = created.json.paymentId;
  t.equal((await c.kioskFetch('GET', `/api/v1/payments/${id}`)).json.status, 'pending', 'not assumed paid');
  t.equal((await c.kioskFetch('GET', `/api/v1/payments/${id}`, undefined, { kioskId: 'KE-PHB-01' })).status, 404, 'other kiosks cannot see it');

  c.clock.advance(40);
  const confirmed = await c.adminFetch('POST', `/api/v1/admin/payments/${id}/confirmation`, { status: 'confirmed', bankRef: 'RRN532911004417' });
  t.equal(confirmed.status, 200);
  const polled = await c.kioskFetch('GET', `/api/v1/payments/${id}`);
  t.match(polled.json, { status: 'confirmed', bankRef: 'RRN532911004417', confirmedAt: '2025-11-26T06:00:40.000Z' });
  const after = (await c.kioskFetch('GET', `/api/v1/bills/${FIRST_SEED_ACCOUNT}`)).json;
  t.equal(after.bills.find((b: any) => b.billId === bill.billId).status, 'paid');
  t.equal((await c.adminFetch('POST', `/api/v1/admin/payments/${id}/confirmation`, { status: 'confirmed' })).status, 200, 'repeat callback harmless');
  t.equal((await c.adminFetch('POST', `/api/v1/admin/payments/${id}/confirmation`, { status: 'failed' })).status, 409, 'cannot flip a settled payment');
  const paidAgain = await c.kioskFetch('POST', '/api/v1/payments', { ...body, reference: 'KE-DLS-251126-00009' });
  t.equal(paidAgain.json.error, 'bill-already-paid');
});

t.test('an unconfirmed payment expires', async (t) => {
  const c = await startTestCentral(t);
  const bills = (await c.kioskFetch('GET', `/api/v1/bills/${FIRST_SEED_ACCOUNT}`)).json;
  const bill = bills.bills.find((b: any) => b.status === 'unpaid');
  const created = await c.kioskFetch('POST', '/api/v1/payments', { reference: 'KE-DLS-251126-00010', account: FIRST_SEED_ACCOUNT, billId: bill.billId, amountPaise: bill.amountPaise });
  c.clock.advance(15 * 60 + 1);
  t.equal((await c.kioskFetch('GET', `/api/v1/payments/${created.json.paymentId}`)).json.status, 'expired');
  const retry = await c.kioskFetch('POST', '/api/v1/payments', { reference: 'KE-DLS-251126-00011', account: FIRST_SEED_ACCOUNT, billId: bill.billId, amountPaise: bill.amountPaise });
  t.equal(retry.status, 201, 'a new QR after expiry');
});

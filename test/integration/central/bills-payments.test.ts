// Seeded bills, payment creation (idempotent), confirmation only through the
// gateway's signed callback, polled by the kiosk. Prepaid recharges (no bill) go the
// same way; the schema migration keeps payments made before them.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { FIRST_SEED_ACCOUNT } from '../../../central/billing/seed.js';
import { migrate, SCHEMA_VERSION } from '../../../central/db/database.js';
import { bodyHash } from '../../../central/intake/canonical.js';
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
  t.match(created.json, { status: 'pending', upiRef: /^KESCO\d{20}$/, confirmedAt: null, paymentId: /^P-[0-9a-f]{32}$/ });
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
  const confirmed = await c.gatewayCallback('captured', { paymentId: id, amountPaise: bill.amountPaise, gatewayPaymentId: 'pay_Q7mZ2pL9xK4rT8' });
  t.equal(confirmed.status, 200);
  t.equal(confirmed.json.outcome, 'applied');
  const polled = await c.kioskFetch('GET', `/api/v1/payments/${id}`);
  t.match(polled.json, { status: 'confirmed', bankRef: /^\d{12}$/, confirmedAt: '2025-11-26T06:00:40.000Z' });
  const after = (await c.kioskFetch('GET', `/api/v1/bills/${FIRST_SEED_ACCOUNT}`)).json;
  t.equal(after.bills.find((b: any) => b.billId === bill.billId).status, 'paid');
  t.equal((await c.gatewayCallback('captured', { paymentId: id, amountPaise: bill.amountPaise, gatewayPaymentId: 'pay_Q7mZ2pL9xK4rT8' })).json.outcome, 'already-settled', 'a second capture event is harmless');
  t.equal((await c.gatewayCallback('failed', { paymentId: id, amountPaise: bill.amountPaise, gatewayPaymentId: 'pay_Q7mZ2pL9xK4rT8' })).json.outcome, 'already-settled', 'a late failure cannot flip a captured payment');
  t.equal((await c.kioskFetch('GET', `/api/v1/payments/${id}`)).json.status, 'confirmed');
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

t.test('prepaid recharge: no bill, account checked, amount range, idempotent by reference, confirmed like a bill payment', async (t) => {
  const c = await startTestCentral(t);
  const before = (await c.kioskFetch('GET', `/api/v1/bills/${FIRST_SEED_ACCOUNT}`)).json;
  const body = { reference: 'KE-DLS-251126-00020', purpose: 'prepaid-recharge', account: FIRST_SEED_ACCOUNT, amountPaise: 50_000 };

  const unknown = await c.kioskFetch('POST', '/api/v1/payments', { ...body, account: '2199999999' });
  t.equal(unknown.status, 404);
  t.equal(unknown.json.error, 'account-not-found');
  for (const amountPaise of [9_999, 5_000_001]) {
    const bad = await c.kioskFetch('POST', '/api/v1/payments', { ...body, amountPaise });
    t.equal(bad.status, 422, `${amountPaise} paise refused`);
    t.equal(bad.json.error, 'amount-out-of-range');
    t.match(bad.json.message, /10000-5000000 paise/, 'the limits, for a technician');
  }
  t.equal((await c.kioskFetch('POST', '/api/v1/payments', { ...body, billId: before.bills[0].billId })).status, 400, 'a recharge names no bill');
  t.equal((await c.kioskFetch('POST', '/api/v1/payments', { ...body, purpose: 'donation' })).status, 400, 'unknown purpose');
  t.equal((await c.kioskFetch('POST', '/api/v1/payments', { reference: body.reference, purpose: 'bill', account: FIRST_SEED_ACCOUNT, amountPaise: 50_000 })).status, 400, 'a bill payment needs its bill');
  t.equal(c.count('payments'), 0, 'nothing stored for refused bodies');

  for (const amountPaise of [10_000, 5_000_000]) {
    const edge = await c.kioskFetch('POST', '/api/v1/payments', { ...body, reference: `KE-DLS-251126-0003${amountPaise === 10_000 ? 1 : 2}`, amountPaise });
    t.equal(edge.status, 201, `${amountPaise} paise is within range`);
  }

  const created = await c.kioskFetch('POST', '/api/v1/payments', body);
  t.equal(created.status, 201);
  t.match(created.json, { purpose: 'prepaid-recharge', billId: null, amountPaise: 50_000, status: 'pending', upiRef: /^KESCO\d{20}$/, confirmedAt: null, expiresAt: '2025-11-26T06:15:00.000Z' });
  const repeat = await c.kioskFetch('POST', '/api/v1/payments', { amountPaise: 50_000, account: FIRST_SEED_ACCOUNT, purpose: 'prepaid-recharge', reference: body.reference });
  t.equal(repeat.status, 200);
  t.same(repeat.json, created.json, 'same body (any key order): same payment');
  const changed = await c.kioskFetch('POST', '/api/v1/payments', { ...body, amountPaise: 60_000 });
  t.equal(changed.status, 409);
  t.equal(changed.json.error, 'idempotency-conflict');
  t.match(changed.json.message, new RegExp(`${body.reference} already has prepaid-recharge payment ${created.json.paymentId}`));
  const asBill = await c.kioskFetch('POST', '/api/v1/payments', { reference: body.reference, account: FIRST_SEED_ACCOUNT, billId: before.bills[0].billId, amountPaise: before.bills[0].amountPaise });
  t.equal(asBill.json.error, 'idempotency-conflict', 'the same reference cannot become a bill payment');
  const second = await c.kioskFetch('POST', '/api/v1/payments', { ...body, reference: 'KE-DLS-251126-00021' });
  t.equal(second.status, 201, 'recharges are not one-at-a-time per account: each reference is its own');
  t.equal((await c.kioskFetch('GET', `/api/v1/payments/${created.json.paymentId}`, undefined, { kioskId: 'KE-PHB-01' })).status, 404, 'other kiosks cannot see it');

  const id = created.json.paymentId;
  t.equal((await c.kioskFetch('GET', `/api/v1/payments/${id}`)).json.status, 'pending', 'not assumed paid');
  c.clock.advance(30);
  const confirmed = await c.gatewayCallback('captured', { paymentId: id, amountPaise: 50_000, gatewayPaymentId: 'pay_W3eR5tY7uI9oP2' });
  t.equal(confirmed.json.outcome, 'applied');
  t.match((await c.kioskFetch('GET', `/api/v1/payments/${id}`)).json, { purpose: 'prepaid-recharge', billId: null, status: 'confirmed', bankRef: /^\d{12}$/, confirmedAt: '2025-11-26T06:00:30.000Z' });
  t.same((await c.kioskFetch('GET', `/api/v1/bills/${FIRST_SEED_ACCOUNT}`)).json, before, 'bills untouched by a recharge');
  t.equal((await c.gatewayCallback('failed', { paymentId: id, amountPaise: 50_000, gatewayPaymentId: 'pay_W3eR5tY7uI9oP2' })).json.outcome, 'already-settled', 'cannot flip a settled recharge');

  // expiry works the same way
  c.clock.advance(15 * 60);
  t.equal((await c.kioskFetch('GET', `/api/v1/payments/${second.json.paymentId}`)).json.status, 'expired');
  t.equal((await c.kioskFetch('GET', `/api/v1/payments/${id}`)).json.status, 'confirmed', 'a confirmed recharge does not expire');
});

t.test('bill payments say purpose bill; `purpose: bill` and no purpose are the same body', async (t) => {
  const c = await startTestCentral(t);
  const bill = (await c.kioskFetch('GET', `/api/v1/bills/${FIRST_SEED_ACCOUNT}`)).json.bills.find((b: any) => b.status === 'unpaid');
  const body = { reference: 'KE-DLS-251126-00040', account: FIRST_SEED_ACCOUNT, billId: bill.billId, amountPaise: bill.amountPaise };
  const created = await c.kioskFetch('POST', '/api/v1/payments', body);
  t.equal(created.status, 201);
  t.match(created.json, { purpose: 'bill', billId: bill.billId });
  const explicit = await c.kioskFetch('POST', '/api/v1/payments', { ...body, purpose: 'bill' });
  t.equal(explicit.status, 200);
  t.same(explicit.json, created.json);
});

t.test('migration: a version-1 database keeps its bill payments and gains recharges', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecorner-central-v1-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const dbPath = path.join(dir, 'central.sqlite');
  const billBody = { reference: 'KE-DLS-251120-00001', account: FIRST_SEED_ACCOUNT, billId: 'B-2130000001-202510', amountPaise: 123_450 };
  {
    // the file as central left it before prepaid recharge existed
    const old = new Database(dbPath);
    migrate(old, 1);
    t.equal(old.pragma('user_version', { simple: true }), 1);
    old.prepare(`INSERT INTO consumers (account, name, category, circle) VALUES (?, 'Ramesh Verma', 'LMV-1 domestic', 'circle-3')`).run(FIRST_SEED_ACCOUNT);
    const bill = old.prepare(`INSERT INTO bills (id, account, period, units_kwh, amount_paise, due_date, status) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    bill.run('B-2130000001-202510', FIRST_SEED_ACCOUNT, '2025-10', 180, 123_450, '2025-11-30', 'unpaid');
    bill.run('B-2130000001-202509', FIRST_SEED_ACCOUNT, '2025-09', 150, 98_000, '2025-10-31', 'paid');
    const pay = old.prepare(`INSERT INTO payments (kiosk_id, reference, body_hash, account, bill_id, amount_paise, upi_ref, status, created_at, expires_at, confirmed_at, bank_ref)
                             VALUES ('KE-DLS-01', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    pay.run('KE-DLS-251020-00003', bodyHash({ reference: 'KE-DLS-251020-00003', account: FIRST_SEED_ACCOUNT, billId: 'B-2130000001-202509', amountPaise: 98_000 }), FIRST_SEED_ACCOUNT, 'B-2130000001-202509', 98_000, 'KESCO25102009000000000001', 'confirmed', '2025-10-20T09:00:00.000Z', '2025-10-20T09:15:00.000Z', '2025-10-20T09:03:00.000Z', 'RRN000000000001');
    pay.run(billBody.reference, bodyHash(billBody), FIRST_SEED_ACCOUNT, billBody.billId, billBody.amountPaise, 'KESCO25112605590000000002', 'pending', '2025-11-26T05:59:00.000Z', '2025-11-26T06:14:00.000Z', null, null);
    old.close();
  }

  const c = await startTestCentral(t, { dbPath });
  const db = c.app.central.db;
  t.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION, 'upgraded to the latest version');
  const cols = db.prepare(`PRAGMA table_info(payments)`).all() as Array<{ name: string; notnull: number }>;
  t.equal(cols.find((col) => col.name === 'bill_id')?.notnull, 0, 'bill_id now nullable');
  t.ok(cols.find((col) => col.name === 'purpose'), 'purpose column added');
  t.equal(c.count('payments'), 2, 'both bill payments kept');
  t.same(db.pragma('integrity_check', { simple: true }), 'ok');

  const idOf = (reference: string) => (db.prepare(`SELECT public_id FROM payments WHERE reference = ?`).get(reference) as { public_id: string }).public_id;
  t.match(idOf('KE-DLS-251020-00003'), /^P-[0-9a-f]{32}$/, 'kept payments get random public ids');
  t.not(idOf('KE-DLS-251020-00003'), idOf(billBody.reference));
  const settled = await c.kioskFetch('GET', `/api/v1/payments/${idOf('KE-DLS-251020-00003')}`);
  t.match(settled.json, { purpose: 'bill', billId: 'B-2130000001-202509', status: 'confirmed', bankRef: 'RRN000000000001', upiRef: 'KESCO25102009000000000001' });
  const pending = await c.kioskFetch('GET', `/api/v1/payments/${idOf(billBody.reference)}`);
  t.match(pending.json, { purpose: 'bill', billId: billBody.billId, status: 'pending' });
  const repeat = await c.kioskFetch('POST', '/api/v1/payments', billBody);
  t.equal(repeat.status, 200, 'an old kiosk body, resent, still finds its payment');
  t.equal(repeat.json.paymentId, idOf(billBody.reference));
  t.equal((await c.gatewayCallback('captured', { paymentId: idOf(billBody.reference), amountPaise: billBody.amountPaise })).json.outcome, 'applied');
  const bills = (await c.kioskFetch('GET', `/api/v1/bills/${FIRST_SEED_ACCOUNT}`)).json;
  t.equal(bills.bills.find((b: any) => b.billId === billBody.billId).status, 'paid', 'confirming an old payment still pays its bill');

  const recharge = await c.kioskFetch('POST', '/api/v1/payments', { reference: 'KE-DLS-251126-00050', purpose: 'prepaid-recharge', account: FIRST_SEED_ACCOUNT, amountPaise: 20_000 });
  t.equal(recharge.status, 201, 'recharges work on the upgraded file');
  t.match(recharge.json.paymentId, /^P-[0-9a-f]{32}$/, 'new payments get random ids too');
  t.throws(() => db.prepare(`INSERT INTO payments (public_id, kiosk_id, reference, body_hash, purpose, account, bill_id, amount_paise, upi_ref, status, created_at, expires_at) VALUES ('P-x', 'KE-DLS-01', 'X', 'h', 'bill', ?, NULL, 1, 'U1', 'pending', 'a', 'b')`).run(FIRST_SEED_ACCOUNT), /CHECK/, 'a bill payment without a bill is refused by the schema');
});

t.test('migrate refuses a version it does not know', async (t) => {
  const db = new Database(':memory:');
  t.teardown(() => db.close());
  t.throws(() => migrate(db, SCHEMA_VERSION + 1), /does not exist/);
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  t.throws(() => migrate(db), /newer than this central/);
});

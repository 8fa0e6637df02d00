// Smart prepaid recharge through the kiosk API against the simulator's local
// central: central opens the payment (no bill), the QR carries central's
// tr=, and "confirmed" comes only from central.
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { startTestKiosk } from '../../helpers/kiosk.js';

const ACCOUNT = '2130000001'; // central's first seeded consumer
const mobile = '9876543210';

/** The simulated gateway's signed callback to central, through the kiosk's simulator route. */
async function gatewaySays(kiosk: { app: FastifyInstance }, paymentId: string, status: 'captured' | 'failed'): Promise<{ statusCode: number }> {
  return kiosk.app.inject({ method: 'POST', url: `/api/sim/payments/${paymentId}`, payload: { status } });
}

t.test('recharge: request, pending payment from central, UPI QR, confirmation from central', async (t) => {
  const kiosk = await startTestKiosk(t);
  const central = kiosk.central!;
  const billsBefore = (await kiosk.app.inject({ method: 'GET', url: `/api/bills/${ACCOUNT}` })).json();

  const req = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { service: 'prepaid-recharge', mobile, account: ACCOUNT, fields: { amount: 500 } } });
  t.equal(req.statusCode, 201);
  const reference = req.json().reference;

  const created = await kiosk.app.inject({ method: 'POST', url: '/api/payments', payload: { reference, mobile } });
  t.equal(created.statusCode, 201);
  const payment = created.json();
  t.match(payment, { reference, purpose: 'prepaid-recharge', status: 'pending', amountPaise: 50_000, confirmedAt: null }, 'never assumed paid');
  const upi = new URL(payment.upi);
  t.equal(upi.protocol, 'upi:');
  t.equal(upi.searchParams.get('pa'), kiosk.ctx.config.payment.upiPayee);
  t.equal(upi.searchParams.get('am'), '500.00');
  t.equal(upi.searchParams.get('cu'), 'INR');
  const tr = upi.searchParams.get('tr') ?? '';
  t.match(tr, /^KESCO\d{20}$/, 'tr is central\'s payment reference');
  const atCentral = await kiosk.link.client.getPayment(payment.paymentId);
  t.ok(atCentral.ok, 'central holds the payment');
  if (atCentral.ok) t.match(atCentral.value, { upiRef: tr, purpose: 'prepaid-recharge', billId: null, account: ACCOUNT, reference });

  const again = await kiosk.app.inject({ method: 'POST', url: '/api/payments', payload: { reference, mobile } });
  t.equal(again.statusCode, 201, 'the same request again');
  t.equal(again.json().paymentId, payment.paymentId, 'the same payment (idempotent at central)');

  const polled = await kiosk.app.inject({ method: 'GET', url: `/api/payments/${payment.paymentId}?reference=${reference}&mobile=${mobile}` });
  t.equal(polled.json().status, 'pending');
  t.equal((await gatewaySays(kiosk, payment.paymentId, 'captured')).statusCode, 200);
  const status = await kiosk.app.inject({ method: 'GET', url: `/api/payments/${payment.paymentId}?reference=${reference}&mobile=${mobile}` });
  t.equal(status.statusCode, 200);
  t.equal(status.json().status, 'confirmed');
  t.same((await kiosk.app.inject({ method: 'GET', url: `/api/bills/${ACCOUNT}` })).json(), billsBefore, 'a recharge pays no bill');

  const stranger = await kiosk.app.inject({ method: 'GET', url: `/api/payments/${payment.paymentId}?reference=${reference}&mobile=9123456789` });
  t.equal(stranger.statusCode, 404, 'another mobile sees nothing');
});

t.test('recharge refusals: amount at the kiosk and at central, unknown connection, other services', async (t) => {
  const kiosk = await startTestKiosk(t);

  for (const amount of [99, 50001]) {
    const bad = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { service: 'prepaid-recharge', mobile, account: ACCOUNT, fields: { amount } } });
    t.equal(bad.statusCode, 400, `₹${amount} refused by the kiosk`);
    t.equal(bad.json().code, 'out-of-range');
    t.equal(bad.json().field, 'fields.amount');
    t.match(bad.json().message.hi, /[\u0900-\u097F]/);
  }

  // Central checks the range itself, whoever signs the request.
  for (const amountPaise of [9_999, 5_000_001]) {
    const direct = await kiosk.link.client.createPayment({ reference: 'KE-DLS-261126-09001', purpose: 'prepaid-recharge', account: ACCOUNT, amountPaise });
    t.match(direct, { ok: false, error: { kind: 'http', status: 422, code: 'amount-out-of-range' } }, `${amountPaise} paise refused by central`);
  }

  const unknown = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { service: 'prepaid-recharge', mobile, account: '2199999999', fields: { amount: 500 } } });
  t.equal(unknown.statusCode, 201, 'the request is accepted offline-first');
  const noConnection = await kiosk.app.inject({ method: 'POST', url: '/api/payments', payload: { reference: unknown.json().reference, mobile } });
  t.equal(noConnection.statusCode, 404);
  t.match(noConnection.json(), { statusCode: 404, code: 'connection-not-found', field: 'account' });
  t.match(noConnection.json().message.hi, /[\u0900-\u097F]/);

  const complaint = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { service: 'meter-complaint', mobile, account: ACCOUNT, fields: { type: 'burnt' } } });
  const notPayable = await kiosk.app.inject({ method: 'POST', url: '/api/payments', payload: { reference: complaint.json().reference, mobile } });
  t.equal(notPayable.statusCode, 409);
  t.equal(notPayable.json().code, 'not-payable');

  // A failed recharge is shown as failed, not paid.
  const req = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { service: 'prepaid-recharge', mobile, account: ACCOUNT, fields: { amount: 100 } } });
  const p = (await kiosk.app.inject({ method: 'POST', url: '/api/payments', payload: { reference: req.json().reference, mobile } })).json();
  t.equal(p.amountPaise, 10_000);
  t.equal((await gatewaySays(kiosk, p.paymentId, 'failed')).statusCode, 200);
  t.equal((await kiosk.app.inject({ method: 'GET', url: `/api/payments/${p.paymentId}?reference=${req.json().reference}&mobile=${mobile}` })).json().status, 'failed');
});

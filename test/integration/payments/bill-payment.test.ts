// Bill view and payment through the kiosk API against the simulator's
// local central: the QR is shown, and "paid" comes only from central.
import t from 'tap';
import { startTestKiosk } from '../../helpers/kiosk.js';

const ACCOUNT = '2130000001'; // central's first seeded consumer
const mobile = '9876543210';

t.test('bill view, payment request, UPI QR, confirmation from central', async (t) => {
  const kiosk = await startTestKiosk(t);
  const bills = await kiosk.app.inject({ method: 'GET', url: `/api/bills/${ACCOUNT}` });
  t.equal(bills.statusCode, 200);
  const unpaid = bills.json().bills.find((b: { status: string }) => b.status === 'unpaid') ?? bills.json().bills[0];
  t.ok(unpaid, 'the seeded consumer has a bill');
  const amount = unpaid.amountPaise / 100;

  const req = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { service: 'bill-payment', mobile, account: ACCOUNT, fields: { billId: unpaid.billId, amount } } });
  t.equal(req.statusCode, 201);
  const reference = req.json().reference;

  const created = await kiosk.app.inject({ method: 'POST', url: '/api/payments', payload: { reference, mobile } });
  t.equal(created.statusCode, 201);
  const payment = created.json();
  t.equal(payment.status, 'pending', 'never assumed paid');
  const upi = new URL(payment.upi);
  t.equal(upi.protocol, 'upi:');
  t.equal(upi.searchParams.get('pa'), kiosk.ctx.config.payment.upiPayee);
  t.equal(upi.searchParams.get('am'), (unpaid.amountPaise / 100).toFixed(2));
  t.equal(upi.searchParams.get('cu'), 'INR');
  t.ok(upi.searchParams.get('tr'));

  // the same request again: the same payment (idempotent at central)
  const again = await kiosk.app.inject({ method: 'POST', url: '/api/payments', payload: { reference, mobile } });
  t.equal(again.json().paymentId, payment.paymentId);

  // not paid until the gateway says so
  const before = await kiosk.app.inject({ method: 'GET', url: `/api/payments/${payment.paymentId}?reference=${reference}&mobile=${mobile}` });
  t.equal(before.json().status, 'pending', 'not assumed paid');
  // the simulated gateway's signed callback reaches central (simulator route)
  const confirm = await kiosk.app.inject({ method: 'POST', url: `/api/sim/payments/${payment.paymentId}`, payload: { status: 'captured' } });
  t.equal(confirm.statusCode, 200);
  t.match(confirm.json(), { sent: 'captured', central: { outcome: 'applied' } });
  const status = await kiosk.app.inject({ method: 'GET', url: `/api/payments/${payment.paymentId}?reference=${reference}&mobile=${mobile}` });
  t.equal(status.statusCode, 200);
  t.equal(status.json().status, 'confirmed');

  const stranger = await kiosk.app.inject({ method: 'GET', url: `/api/payments/${payment.paymentId}?reference=${reference}&mobile=9123456789` });
  t.equal(stranger.statusCode, 404, 'another mobile sees nothing');
});

t.test('bad input and central faults get bilingual errors', async (t) => {
  const kiosk = await startTestKiosk(t);
  t.equal((await kiosk.app.inject({ method: 'GET', url: '/api/bills/12345678' })).json().code, 'legacy-account');
  const unknown = await kiosk.app.inject({ method: 'GET', url: '/api/bills/9999999999' });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().code, 'account-not-found');
  const complaint = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { service: 'meter-complaint', mobile, account: ACCOUNT, fields: { type: 'burnt' } } });
  const notPayable = await kiosk.app.inject({ method: 'POST', url: '/api/payments', payload: { reference: complaint.json().reference, mobile } });
  t.equal(notPayable.statusCode, 409);
  t.equal(notPayable.json().code, 'not-payable');
  const badBill = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { service: 'bill-payment', mobile, account: ACCOUNT, fields: { billId: 'B-12', amount: 10 } } });
  t.equal(badBill.json().code, 'invalid-format');

  await kiosk.central!.close(); // central goes away
  const down = await kiosk.app.inject({ method: 'GET', url: `/api/bills/${ACCOUNT}` });
  t.equal(down.statusCode, 503);
  t.equal(down.json().code, 'central-unavailable');
  t.match(down.json().message.hi, /[\u0900-\u097F]/);
});

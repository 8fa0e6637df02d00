// A payment receipt is printed only once central has confirmed the payment;
// a duplicate bill comes from central's bill data. Real printer driver, the
// virtual ESC/POS printer, and the simulator's central.
import t from 'tap';
import { startTestKiosk } from '../../helpers/kiosk.js';

const ACCOUNT = '2130000001'; // central's first seeded consumer
const mobile = '9876543210';

type Job = { id: string; items: Array<{ type: string; text?: string }> };
const jobsOf = async (url: string): Promise<Job[]> => ((await (await fetch(`${url}/api/sim/printer/jobs`)).json()) as { jobs: Job[] }).jobs;
/** The plain-text lines of a printed job, trimmed of alignment padding; a wrapped line is joined to the one before. */
const textOf = (job: Job) => job.items.filter((i) => i.type === 'text').map((i) => (i.text ?? '').trim());
const joined = (job: Job) => textOf(job).join(' ');

t.test('payment receipt: refused while pending, printed once central confirms, printed once', async (t) => {
  const kiosk = await startTestKiosk(t);
  const bills = (await kiosk.app.inject({ method: 'GET', url: `/api/bills/${ACCOUNT}` })).json();
  const unpaid = bills.bills.find((b: { status: string }) => b.status === 'unpaid');
  const reference = (await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { service: 'bill-payment', mobile, account: ACCOUNT, fields: { billId: unpaid.billId, amount: unpaid.amountPaise / 100 } } })).json().reference;
  const payment = (await kiosk.app.inject({ method: 'POST', url: '/api/payments', payload: { reference, mobile } })).json();
  // The acknowledgement of the request prints on its own; wait for it so the count below is the payment receipt alone.
  for (let i = 0; i < 100 && kiosk.store.get(reference)?.receipt.state !== 'printed'; i++) await new Promise((r) => setTimeout(r, 50));
  const before = (await jobsOf(kiosk.url)).length;

  const early = await kiosk.app.inject({ method: 'POST', url: `/api/payments/${payment.paymentId}/receipt`, payload: { reference, mobile } });
  t.equal(early.statusCode, 409);
  t.equal(early.json().code, 'payment-not-confirmed');
  t.equal(early.json().status, 'pending');
  t.match(early.json().message.hi, /पुष्टि नहीं/);
  t.equal((await jobsOf(kiosk.url)).length, before, 'nothing printed for a pending payment');

  const stranger = await kiosk.app.inject({ method: 'POST', url: `/api/payments/${payment.paymentId}/receipt`, payload: { reference, mobile: '9123456789' } });
  t.equal(stranger.statusCode, 404, 'another mobile prints nothing');

  // The simulated gateway sends its signed callback to central, as the real one would.
  const confirm = await kiosk.app.inject({ method: 'POST', url: `/api/sim/payments/${payment.paymentId}`, payload: { status: 'captured' } });
  t.equal(confirm.statusCode, 200);
  const settled = (await kiosk.app.inject({ method: 'GET', url: `/api/payments/${payment.paymentId}?reference=${reference}&mobile=${mobile}` })).json();
  t.equal(settled.status, 'confirmed');
  const bankRef = (await kiosk.link.client.getPayment(payment.paymentId) as { ok: true; value: { bankRef: string } }).value.bankRef;
  t.match(bankRef, /^\d{12}$/, 'the gateway\'s bank reference (RRN)');

  const res = await kiosk.app.inject({ method: 'POST', url: `/api/payments/${payment.paymentId}/receipt`, payload: { reference, mobile } });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().printed, true);
  t.equal(res.json().outcome, 'printed', 'confirmed by the printer (GS r), not merely sent');
  const jobs = await jobsOf(kiosk.url);
  t.equal(jobs.length, before + 1, `one page printed (${jobs.length} after ${before})`);
  const lines = textOf(jobs.at(-1)!);
  // Lines with Hindi travel as raster images; the plain-text lines can be read back from the printer's stream.
  t.ok(lines.includes('Payment receipt'));
  t.ok(lines.includes(`Bank ref (UTR): ${bankRef}`), 'the bank reference from the confirmation');
  t.ok(lines.includes(`Bill: ${unpaid.billId}`), 'the bill it settled');
  t.ok(lines.includes(payment.paymentId), 'the payment id, unbroken');
  t.ok(lines.some((l) => l.startsWith('Confirmed by KESCO on ')), 'when KESCO confirmed it');

  const again = await kiosk.app.inject({ method: 'POST', url: `/api/payments/${payment.paymentId}/receipt`, payload: { reference, mobile } });
  t.equal(again.json().already, true, `second ask: ${again.body}`);
  t.equal((await jobsOf(kiosk.url)).length, before + 1, 'printed once');
});

t.test('duplicate bill from central\'s bill data; unknown bills and accounts are refused', async (t) => {
  const kiosk = await startTestKiosk(t);
  const bills = (await kiosk.app.inject({ method: 'GET', url: `/api/bills/${ACCOUNT}` })).json();
  const bill = bills.bills[0];
  const before = (await jobsOf(kiosk.url)).length;
  const res = await kiosk.app.inject({ method: 'POST', url: `/api/bills/${ACCOUNT}/duplicate`, payload: { billId: bill.billId } });
  t.equal(res.statusCode, 200, res.body);
  const jobs = await jobsOf(kiosk.url);
  t.equal(jobs.length, before + 1);
  const lines = textOf(jobs.at(-1)!);
  t.ok(lines.includes('Duplicate bill'));
  t.ok(lines.includes(`Bill: ${bill.billId}`));
  t.match(joined(jobs.at(-1)!), /not a payment receipt/);

  const unknownBill = await kiosk.app.inject({ method: 'POST', url: `/api/bills/${ACCOUNT}/duplicate`, payload: { billId: 'B-2130000001-190001' } });
  t.equal(unknownBill.statusCode, 404);
  t.equal(unknownBill.json().code, 'bill-not-found');
  const unknownAccount = await kiosk.app.inject({ method: 'POST', url: '/api/bills/9999999999/duplicate', payload: { billId: 'B-9999999999-202601' } });
  t.equal(unknownAccount.statusCode, 404);
  const bad = await kiosk.app.inject({ method: 'POST', url: `/api/bills/${ACCOUNT}/duplicate`, payload: { billId: 'x' } });
  t.equal(bad.statusCode, 400);
  t.equal((await jobsOf(kiosk.url)).length, before + 1, 'refusals print nothing');
});

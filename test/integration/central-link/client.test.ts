// The signed client against a real central (bills, payments, status) and
// against a misbehaving one: every bad reply becomes a precise error value.
import { createServer } from 'node:http';
import t from 'tap';
import { CentralClient } from '../../../controller/central-link/client.js';
import { FIRST_SEED_ACCOUNT } from '../../../central/billing/seed.js';
import { KIOSKS, startTestCentral } from '../../fixtures/central/central-helper.js';

t.test('bills, payment and its confirmation through the real central', async (t) => {
  const c = await startTestCentral(t);
  const client = new CentralClient({ baseUrl: c.url, kioskId: 'KE-DLS-01', secret: KIOSKS[0]!.secret, timeoutMs: 2000, now: c.clock.now });
  const bills = await client.getBills(FIRST_SEED_ACCOUNT);
  t.ok(bills.ok);
  if (!bills.ok) return;
  const bill = bills.value.bills.find((b) => b.status === 'unpaid')!;
  const created = await client.createPayment({ reference: 'KE-DLS-251126-00042', account: FIRST_SEED_ACCOUNT, billId: bill.billId, amountPaise: bill.amountPaise });
  t.ok(created.ok && created.value.status === 'pending');
  if (!created.ok) return;
  const confirmLater = setTimeout(() => void c.adminFetch('POST', `/api/v1/admin/payments/${created.value.paymentId}/confirmation`, { status: 'confirmed', bankRef: 'RRN000111222' }), 150);
  t.teardown(() => clearTimeout(confirmLater));
  const waited = await client.waitForPayment(created.value.paymentId, { intervalMs: 50, timeoutMs: 5000 });
  t.ok(waited.ok && waited.value.status === 'confirmed', 'confirmation arrives by polling');
  const missing = await client.getBills('2199999999');
  t.match(missing, { ok: false, error: { kind: 'http', status: 404, code: 'account-not-found' } });
  const wrongSecret = new CentralClient({ baseUrl: c.url, kioskId: 'KE-DLS-01', secret: 'not-the-right-secret-xx', timeoutMs: 2000, now: c.clock.now });
  t.match(await wrongSecret.getBills(FIRST_SEED_ACCOUNT), { ok: false, error: { kind: 'http', status: 401, code: 'unauthorized' } });
});

t.test('bad replies from a misbehaving central', async (t) => {
  const replies: Record<string, [number, string, number?]> = {
    '/api/v1/bills/1111111111': [200, '{"account":"1111111111","bills":"none"}'],
    '/api/v1/bills/2222222222': [200, '<html>proxy login</html>'],
    '/api/v1/bills/3333333333': [502, 'Bad Gateway'],
    '/api/v1/bills/4444444444': [200, '{}', 1500],
  };
  const server = createServer((req, res) => {
    const [status, body, delay] = replies[req.url ?? ''] ?? [404, '{"error":"not-found","message":"x"}'];
    setTimeout(() => res.writeHead(status).end(body), delay ?? 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  const a = server.address();
  const client = new CentralClient({ baseUrl: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, kioskId: 'KE-DLS-01', secret: KIOSKS[0]!.secret, timeoutMs: 300 });
  t.match(await client.getBills('1111111111'), { ok: false, error: { kind: 'bad-reply', status: 200, message: /consumerName|bills/ } });
  t.match(await client.getBills('2222222222'), { ok: false, error: { kind: 'bad-reply', message: /not JSON/ } });
  t.match(await client.getBills('3333333333'), { ok: false, error: { kind: 'http', status: 502, code: 'non-json' } });
  t.match(await client.getBills('4444444444'), { ok: false, error: { kind: 'timeout', message: /300 ms/ } });
  // A port that was just free: nothing listens there now.
  const gone = createServer();
  await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
  const ga = gone.address();
  await new Promise<void>((r) => gone.close(() => r()));
  const refused = new CentralClient({ baseUrl: `http://127.0.0.1:${typeof ga === 'object' && ga ? ga.port : 0}`, kioskId: 'KE-DLS-01', secret: KIOSKS[0]!.secret, timeoutMs: 1000 });
  t.match(await refused.getBills('1111111111'), { ok: false, error: { kind: 'network', message: /ECONNREFUSED/ } });
});

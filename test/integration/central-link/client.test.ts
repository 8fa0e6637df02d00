// The signed client against a real central (bills, payments, status) and
// against a misbehaving one: every reply must verify (central's signature
// over status, body, time, epoch and our nonce) and match the protocol;
// anything else becomes a precise error value, never data.
import { createServer, type IncomingMessage } from 'node:http';
import t from 'tap';
import { CentralClient } from '../../../controller/central-link/client.js';
import { FIRST_SEED_ACCOUNT } from '../../../central/billing/seed.js';
import { HEADER_NONCE, signReply } from '../../../protocol/signing.js';
import { KIOSKS, startTestCentral } from '../../fixtures/central/central-helper.js';

const SECRET = KIOSKS[0]!.secret;

t.test('bills, payment and its confirmation through the real central; replies verified', async (t) => {
  const c = await startTestCentral(t);
  const epochs: string[] = [];
  const client = new CentralClient({ baseUrl: c.url, kioskId: 'KE-DLS-01', secret: SECRET, timeoutMs: 2000, now: c.clock.now, onEpoch: (e) => epochs.push(e) });
  const bills = await client.getBills(FIRST_SEED_ACCOUNT);
  t.ok(bills.ok);
  if (!bills.ok) return;
  t.same(epochs, [c.epoch], 'the reply carried central\'s epoch');
  t.equal(client.clock.skewSeconds, 0, 'same clock: no skew');
  const bill = bills.value.bills.find((b) => b.status === 'unpaid')!;
  const created = await client.createPayment({ reference: 'KE-DLS-251126-00042', account: FIRST_SEED_ACCOUNT, billId: bill.billId, amountPaise: bill.amountPaise });
  t.ok(created.ok && created.value.status === 'pending');
  if (!created.ok) return;
  const confirmLater = setTimeout(() => void c.gatewayCallback('captured', { paymentId: created.value.paymentId, amountPaise: bill.amountPaise }), 150);
  t.teardown(() => clearTimeout(confirmLater));
  const waited = await client.waitForPayment(created.value.paymentId, { intervalMs: 50, timeoutMs: 5000 });
  t.ok(waited.ok && waited.value.status === 'confirmed', 'the signed callback\'s confirmation arrives by polling');
  const missing = await client.getBills('2199999999');
  t.match(missing, { ok: false, error: { kind: 'http', status: 404, code: 'account-not-found' } }, 'a signed 404 is central\'s answer');
  const wrongSecret = new CentralClient({ baseUrl: c.url, kioskId: 'KE-DLS-01', secret: 'not-the-right-secret-xx', timeoutMs: 2000, now: c.clock.now });
  t.match(await wrongSecret.getBills(FIRST_SEED_ACCOUNT), { ok: false, error: { kind: 'unverified', status: 401, message: /not signed by central.*bad-signature/ } }, 'central cannot sign for a kiosk it did not recognise');
});

t.test('a tampered reply is rejected; an unsigned one is not trusted', async (t) => {
  const c = await startTestCentral(t);
  // A man in the middle: forwards to central, and changes what comes back.
  let mode: 'pass' | 'body' | 'status' | 'strip' | 'replay' = 'pass';
  let lastReply: { status: number; headers: Record<string, string>; body: string } | null = null;
  const proxy = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const ch of req) chunks.push(ch as Buffer);
    const upstream = await fetch(c.url + req.url, { method: req.method!, headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
    let body = await upstream.text();
    let status = upstream.status;
    const headers: Record<string, string> = {};
    upstream.headers.forEach((v, k) => { if (k.startsWith('x-ecorner') || k === 'content-type') headers[k] = v; });
    if (mode === 'body') body = body.replace(/"status":"unpaid"/, '"status":"paid"');
    if (mode === 'status') status = 404;
    if (mode === 'strip') for (const k of Object.keys(headers)) if (k.startsWith('x-ecorner')) delete headers[k];
    if (mode === 'replay' && lastReply) ({ status, body } = lastReply), Object.assign(headers, lastReply.headers);
    if (mode === 'pass') lastReply = { status, headers: { ...headers }, body };
    res.writeHead(status, headers).end(body);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => { proxy.closeAllConnections(); proxy.close(() => r()); }));
  const a = proxy.address();
  const client = new CentralClient({ baseUrl: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, kioskId: 'KE-DLS-01', secret: SECRET, timeoutMs: 2000, now: c.clock.now });
  const honest = await client.getBills(FIRST_SEED_ACCOUNT);
  t.ok(honest.ok, 'through an honest proxy, the reply verifies');
  mode = 'body';
  t.match(await client.getBills(FIRST_SEED_ACCOUNT), { ok: false, error: { kind: 'unverified', status: 200, message: /does not match/ } }, 'a bill turned "paid" in transit is rejected');
  mode = 'status';
  t.match(await client.getBills(FIRST_SEED_ACCOUNT), { ok: false, error: { kind: 'unverified', status: 404 } }, 'a changed status is rejected');
  mode = 'strip';
  t.match(await client.getBills(FIRST_SEED_ACCOUNT), { ok: false, error: { kind: 'unverified', message: /not signed/ } }, 'an unsigned reply is not trusted');
  mode = 'replay';
  t.match(await client.getBills(FIRST_SEED_ACCOUNT), { ok: false, error: { kind: 'unverified', message: /does not match/ } }, 'an earlier genuine reply does not answer a new request (nonce)');
});

t.test('bad replies from a misbehaving central that signs them', async (t) => {
  const replies: Record<string, [number, string, number?]> = {
    '/api/v1/bills/1111111111': [200, '{"account":"1111111111","bills":"none"}'],
    '/api/v1/bills/2222222222': [200, '<html>proxy login</html>'],
    '/api/v1/bills/3333333333': [502, 'Bad Gateway'],
    '/api/v1/bills/4444444444': [200, '{}', 1500],
  };
  const server = createServer((req, res) => {
    const [status, body, delay] = replies[req.url ?? ''] ?? [404, '{"error":"not-found","message":"x"}'];
    const signed = signReply(SECRET, { kioskId: 'KE-DLS-01', nonce: String(req.headers[HEADER_NONCE]), status, epoch: 'TESTEPOC', body }, new Date());
    setTimeout(() => res.writeHead(status, signed).end(body), delay ?? 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  const a = server.address();
  const client = new CentralClient({ baseUrl: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, kioskId: 'KE-DLS-01', secret: SECRET, timeoutMs: 300 });
  t.match(await client.getBills('1111111111'), { ok: false, error: { kind: 'bad-reply', status: 200, message: /consumerName|bills/ } });
  t.match(await client.getBills('2222222222'), { ok: false, error: { kind: 'bad-reply', message: /not JSON/ } });
  t.match(await client.getBills('3333333333'), { ok: false, error: { kind: 'http', status: 502, code: 'non-json' } });
  t.match(await client.getBills('4444444444'), { ok: false, error: { kind: 'timeout', message: /300 ms/ } });
  // A port that was just free: nothing listens there now.
  const gone = createServer();
  await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
  const ga = gone.address();
  await new Promise<void>((r) => gone.close(() => r()));
  const refused = new CentralClient({ baseUrl: `http://127.0.0.1:${typeof ga === 'object' && ga ? ga.port : 0}`, kioskId: 'KE-DLS-01', secret: SECRET, timeoutMs: 1000 });
  t.match(await refused.getBills('1111111111'), { ok: false, error: { kind: 'network', message: /ECONNREFUSED/ } });
});

import t from 'tap';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { startTestKiosk, validComplaint } from '../../helpers/kiosk.js';
import { DATABASE_FILE } from '../../../controller/store/request-store.js';

const devanagari = /[\u0900-\u097F]/;

t.test('GET /api/services lists the ten services in English and Hindi', async (t) => {
  const kiosk = await startTestKiosk(t);
  const res = await kiosk.app.inject({ method: 'GET', url: '/api/services' });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.services.length, 10);
  for (const s of body.services) {
    t.ok(s.name.en, `${s.id} en`);
    t.match(s.name.hi, devanagari, `${s.id} hi`);
  }
  const nc = body.services.find((s: { id: string }) => s.id === 'new-connection');
  t.equal(nc.timeline.hours, 72);
  t.match(nc.timeline.source, /Rights of Consumers/);
  t.same(body.escalation.steps.map((s: { contact: string | null }) => s.contact), ['1912', null, null]);
  t.same(body.escalation.parallel.map((s: { contact: string }) => s.contact), ['1076']);
});

t.test('a valid billing complaint gets 201, a reference and a due date; the consumer can look it up', async (t) => {
  const kiosk = await startTestKiosk(t, { now: () => new Date('2026-11-26T06:30:00Z') });
  const res = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { ...validComplaint, mobile: '+91 98765 43210' } });
  t.equal(res.statusCode, 201);
  const body = res.json();
  t.match(body.reference, /^KE-DLS-261126-\d{5}$/);
  t.equal(body.mobile, '98xxxxxx10', 'masked in the answer');
  t.equal(body.dueBy, '2026-12-03T06:30:00.000Z');
  t.match(body.dueRule.hi, devanagari);
  t.same(body.central, { state: 'pending' });

  const found = await kiosk.app.inject({ method: 'GET', url: `/api/requests/${body.reference}?mobile=9876543210` });
  t.equal(found.statusCode, 200);
  t.equal(found.json().reference, body.reference);
  t.equal(found.json().fields.type, 'wrong-reading');

  const wrongMobile = await kiosk.app.inject({ method: 'GET', url: `/api/requests/${body.reference}?mobile=9876543211` });
  const unknown = await kiosk.app.inject({ method: 'GET', url: `/api/requests/KE-DLS-261126-99999?mobile=9876543210` });
  t.equal(wrongMobile.statusCode, 404);
  t.same(wrongMobile.json(), unknown.json(), 'wrong mobile and unknown reference look the same');
  t.equal((await kiosk.app.inject({ method: 'GET', url: `/api/requests/${body.reference}` })).statusCode, 400, 'mobile is required');
  t.equal((await kiosk.app.inject({ method: 'GET', url: `/api/requests/not-a-ref?mobile=9876543210` })).json().code, 'invalid-reference');
});

t.test('bad input gets a code, the field and English and Hindi text, and stores nothing', async (t) => {
  const kiosk = await startTestKiosk(t);
  const cases: Array<[string, unknown, number, string, string]> = [
    ['bad mobile', { ...validComplaint, mobile: '12345' }, 400, 'invalid-mobile', 'mobile'],
    ['legacy account', { ...validComplaint, account: '12345678' }, 400, 'legacy-account', 'account'],
    ['unknown top-level field', { ...validComplaint, name: 'x' }, 400, 'unknown-field', 'name'],
    ['unknown form field', { ...validComplaint, fields: { type: 'excess-bill', colour: 'red' } }, 400, 'unknown-field', 'fields.colour'],
    ['missing service', { mobile: '9876543210' }, 400, 'missing-field', 'service'],
    ['wrong type', { ...validComplaint, mobile: 9876543210 }, 400, 'invalid-request', 'mobile'],
    ['unknown service', { ...validComplaint, service: 'solar' }, 400, 'unknown-service', 'service'],
  ];
  for (const [name, payload, status, code, field] of cases) {
    const res = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: payload as object });
    t.equal(res.statusCode, status, name);
    const body = res.json();
    t.equal(body.code, code, `${name}: code`);
    t.equal(body.field, field, `${name}: field`);
    t.ok(body.message.en, `${name}: English`);
    t.match(body.message.hi, devanagari, `${name}: Hindi`);
  }
  const broken = await kiosk.app.inject({ method: 'POST', url: '/api/requests', headers: { 'content-type': 'application/json' }, payload: '{"service":' });
  t.equal(broken.statusCode, 400);
  t.match(broken.json().message.hi, devanagari);
  t.equal(kiosk.store.size, 0, 'nothing stored');
});

t.test('a body over the limit gets 413', async (t) => {
  const kiosk = await startTestKiosk(t);
  const res = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: { ...validComplaint, fields: { type: 'excess-bill', description: 'x'.repeat(20000) } } });
  t.equal(res.statusCode, 413);
  t.equal(res.json().code, 'body-too-large');
  t.match(res.json().message.hi, devanagari);
});

t.test('when the store cannot write, the consumer is told nothing was submitted', async (t) => {
  const kiosk = await startTestKiosk(t);
  // Like a full card: the transaction fails inside (a second connection adds a failing trigger).
  const other = new DatabaseSync(path.join(kiosk.dataDir, DATABASE_FILE));
  t.teardown(() => other.close());
  other.exec("CREATE TRIGGER full_card BEFORE INSERT ON requests BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
  const res = await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: validComplaint });
  t.equal(res.statusCode, 503);
  t.equal(res.json().code, 'store-unavailable');
  t.equal(kiosk.store.size, 0);
  const health = (await kiosk.app.inject({ method: 'GET', url: '/api/health' })).json();
  t.equal(health.parts.store.state, 'write-failed', 'health shows the store fault');
  t.equal(health.status, 'fault');
  other.exec('DROP TRIGGER full_card');
  t.equal((await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: validComplaint })).statusCode, 201);
  const after = (await kiosk.app.inject({ method: 'GET', url: '/api/health' })).json();
  t.equal(after.parts.store.state, 'ready', 'and clears it on the next good write');
  t.match(after.parts.store.detail, /^1 requests on disk/);
});

t.test('health reports the controller and the store', async (t) => {
  const kiosk = await startTestKiosk(t);
  const res = await kiosk.app.inject({ method: 'GET', url: '/api/health' });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.mode, 'simulator');
  t.equal(body.parts.store.state, 'ready');
  t.ok(['ok', 'warning', 'fault'].includes(body.status));
  t.equal(kiosk.ctx.config.http.host, '127.0.0.1', 'loopback by default');
  t.match(kiosk.url, /^http:\/\/127\.0\.0\.1:\d+$/);
});

t.test('unknown endpoints get a bilingual 404', async (t) => {
  const kiosk = await startTestKiosk(t);
  const res = await kiosk.app.inject({ method: 'GET', url: '/api/nothing?mobile=9876543210' });
  t.equal(res.statusCode, 404);
  t.notMatch(res.body, /9876543210/);
});

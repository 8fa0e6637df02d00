// Request intake: one ticket per reference, same answer on repeat, 409 on a
// conflicting body, status and history readable, updates by cursor.
import t from 'tap';
import { startTestCentral } from '../../fixtures/central/central-helper.js';

const request = (n: number, over: Record<string, unknown> = {}) => ({
  reference: `KE-DLS-251126-${String(n).padStart(5, '0')}`,
  service: 'supply-complaint',
  mobile: '9876543210',
  account: '2130000001',
  fields: { substation: 'dehli-sujanpur', type: 'no-supply', description: 'No supply since morning' },
  createdAt: '2025-11-26T05:59:00.000Z',
  dueBy: '2025-11-26T11:59:00.000Z',
  ...over,
});

t.test('idempotent intake', async (t) => {
  const c = await startTestCentral(t);
  const first = await c.kioskFetch('POST', '/api/v1/requests', request(1));
  t.equal(first.status, 201);
  t.match(first.json, { reference: 'KE-DLS-251126-00001', ticket: /^HD-[0-9A-HJKMNP-TV-Z]{8}-\d{6}$/, status: 'received' });
  t.equal(first.json.ticket.split('-')[1], c.epoch, 'the ticket carries the database epoch');

  c.clock.advance(30);
  // Same request, keys in another order: the same answer, no second ticket.
  const r = request(1);
  const reordered = { fields: { description: r.fields.description, type: r.fields.type, substation: r.fields.substation }, dueBy: r.dueBy, createdAt: r.createdAt, account: r.account, mobile: r.mobile, service: r.service, reference: r.reference };
  const again = await c.kioskFetch('POST', '/api/v1/requests', reordered);
  t.equal(again.status, 200);
  t.same(again.json, first.json, 'identical answer');
  t.equal(c.count('tickets'), 1);

  const conflict = await c.kioskFetch('POST', '/api/v1/requests', request(1, { mobile: '9123456789' }));
  t.equal(conflict.status, 409);
  t.equal(conflict.json.error, 'idempotency-conflict');
  t.equal(c.count('tickets'), 1, 'conflict stored nothing');

  // The same reference from another kiosk is a different request (references are per kiosk).
  const other = await c.kioskFetch('POST', '/api/v1/requests', request(1), { kioskId: 'KE-PHB-01' });
  t.equal(other.status, 201);
  t.not(other.json.ticket, first.json.ticket);
  t.equal(c.count('tickets'), 2);
});

t.test('status, history and updates flow back', async (t) => {
  const c = await startTestCentral(t);
  const a = await c.kioskFetch('POST', '/api/v1/requests', request(1));
  await c.kioskFetch('POST', '/api/v1/requests', request(2, { service: 'new-connection', fields: { applicantName: 'Sunita Gupta', address: '12 Civil Lines', category: 'domestic', load: 2 } }));

  c.clock.advance(3600);
  const assigned = await c.adminFetch('POST', `/api/v1/admin/requests/KE-DLS-01/KE-DLS-251126-00001/status`, { status: 'assigned', note: 'JE Dehli Sujanpur' });
  t.equal(assigned.status, 200);
  const resolved = await c.adminFetch('POST', `/api/v1/admin/requests/KE-DLS-01/KE-DLS-251126-00001/status`, { status: 'resolved' });
  t.equal(resolved.json.status, 'resolved');
  const reopen = await c.adminFetch('POST', `/api/v1/admin/requests/KE-DLS-01/KE-DLS-251126-00001/status`, { status: 'in-progress' });
  t.equal(reopen.status, 409, 'a resolved ticket stays resolved');
  t.equal(reopen.json.error, 'bad-transition');

  const status = await c.kioskFetch('GET', '/api/v1/requests/KE-DLS-251126-00001');
  t.equal(status.status, 200);
  t.equal(status.json.ticket, a.json.ticket);
  t.same(status.json.history.map((h: any) => h.status), ['received', 'assigned', 'resolved']);
  t.equal(status.json.history[1].note, 'JE Dehli Sujanpur');

  const unknown = await c.kioskFetch('GET', '/api/v1/requests/KE-DLS-251126-09999');
  t.equal(unknown.status, 404);
  const notMine = await c.kioskFetch('GET', '/api/v1/requests/KE-DLS-251126-00001', undefined, { kioskId: 'KE-PHB-01' });
  t.equal(notMine.status, 404, 'a kiosk sees only its own requests');
  const badRef = await c.kioskFetch('GET', '/api/v1/requests/not-a-reference');
  t.equal(badRef.status, 400);

  const all = await c.kioskFetch('GET', '/api/v1/request-updates?after=0');
  t.same(all.json.updates.map((u: any) => `${u.reference.slice(-2)}:${u.status}`), ['01:received', '02:received', '01:assigned', '01:resolved']);
  const later = await c.kioskFetch('GET', `/api/v1/request-updates?after=${all.json.updates[1].cursor}&limit=1`);
  t.same(later.json.updates.map((u: any) => u.status), ['assigned']);
  t.equal(later.json.nextCursor, all.json.updates[2].cursor);
  const none = await c.kioskFetch('GET', '/api/v1/request-updates?after=0', undefined, { kioskId: 'KE-PHB-01' });
  t.same(none.json, { updates: [], nextCursor: 0 });
  const badQuery = await c.kioskFetch('GET', '/api/v1/request-updates?after=-1');
  t.equal(badQuery.status, 400);
});

t.test('bad shapes are refused precisely and store nothing', async (t) => {
  const c = await startTestCentral(t);
  for (const [name, body, pattern] of [
    ['short mobile', request(3, { mobile: '98765' }), /mobile/],
    ['unknown service', request(3, { service: 'free-electricity' }), /service/],
    ['bad reference', request(3, { reference: 'KE-DLS-1' }), /reference/],
    ['extra property', { ...request(3), ticket: 'HD-000001' }, /additional/],
  ] as const) {
    const res = await c.kioskFetch('POST', '/api/v1/requests', body);
    t.equal(res.status, 400, name);
    t.match(res.json.message, pattern, name);
  }
  t.equal(c.count('tickets'), 0);
});

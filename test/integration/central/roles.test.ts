// Each role can do exactly what it may, on every route for people: the table
// lists every route with the answer for no token, an unknown token and each
// role. Every state-changing call is audited, refused ones too, and the audit
// page shows them to admins only.
import t from 'tap';
import { heartbeat, OPERATORS, startTestCentral, type RoleName } from '../../fixtures/central/central-helper.js';

type Caller = 'none' | 'bogus' | RoleName;
const CALLERS: Caller[] = ['none', 'bogus', 'viewer', 'helpdesk', 'admin'];
const REF = 'KE-DLS-251126-00001';

/** The lowest role a route needs; null: open to anyone. */
interface Route { method: 'GET' | 'POST'; path: string; need: RoleName | null; body?: () => unknown; ok: number }

const ROUTES: Route[] = [
  { method: 'GET', path: '/', need: 'viewer', ok: 200 },
  { method: 'GET', path: '/api/v1/kiosks', need: 'viewer', ok: 200 },
  { method: 'GET', path: '/healthz', need: null, ok: 200 },
  { method: 'GET', path: '/metrics', need: null, ok: 200 },
  { method: 'POST', path: `/api/v1/admin/requests/KE-DLS-01/${REF}/status`, need: 'helpdesk', body: () => ({ status: 'assigned', note: 'to the Dehli Sujanpur JE' }), ok: 200 },
  { method: 'POST', path: '/api/v1/admin/kiosks/KE-DLS-01/maintenance', need: 'admin', body: () => ({ until: '2025-11-26T08:00:00.000Z' }), ok: 200 },
  { method: 'GET', path: '/api/v1/admin/payments/P-00000000000000000000000000000000', need: 'admin', ok: 404 },
  { method: 'GET', path: '/api/v1/admin/audit', need: 'admin', ok: 200 },
  { method: 'GET', path: '/audit', need: 'admin', ok: 200 },
];

const RANK: Record<RoleName, number> = { viewer: 1, helpdesk: 2, admin: 3 };
function expected(route: Route, caller: Caller): number {
  if (route.need === null) return route.ok;
  if (caller === 'none' || caller === 'bogus') return 401;
  return RANK[caller] >= RANK[route.need] ? route.ok : 403;
}

t.test('role × route', async (t) => {
  const c = await startTestCentral(t);
  await c.kioskFetch('POST', '/api/v1/heartbeats', heartbeat('KE-DLS-01', c.clock));
  const intake = { reference: REF, service: 'billing-complaint', mobile: '9876543210', account: '2130000001', fields: { type: 'wrong-reading' }, createdAt: c.clock.now().toISOString(), dueBy: '2025-12-10T06:00:00.000Z' };
  t.equal((await c.kioskFetch('POST', '/api/v1/requests', intake)).status, 201);
  for (const route of ROUTES) {
    for (const caller of CALLERS) {
      const who = caller === 'none' ? null : caller === 'bogus' ? { token: 'not-a-token-anyone-was-given-9x7q' } : caller;
      // A status change may be made once per state: reset it so every allowed caller gets the same answer.
      if (route.path.includes('/status')) c.app.central.db.prepare(`UPDATE tickets SET status = 'received'`).run();
      const r = await c.operatorFetch(who, route.method, route.path, route.body?.());
      t.equal(r.status, expected(route, caller), `${caller} ${route.method} ${route.path}`);
      if (r.status === 401) t.match(r.json, { error: 'unauthorized' });
      if (r.status === 403) t.match(r.json, { error: 'forbidden', message: new RegExp(`needs ${route.need}`) });
    }
  }
});

t.test('public: true opens the fleet views only; a scrape token guards /metrics', async (t) => {
  const c = await startTestCentral(t, { public: true, metricsToken: 'scrape-7Kq2mZ9xL4pR8tV1nB6cW3yD5' });
  t.equal((await c.operatorFetch(null, 'GET', '/')).status, 200);
  t.equal((await c.operatorFetch(null, 'GET', '/api/v1/kiosks')).status, 200);
  t.equal((await c.operatorFetch(null, 'GET', '/audit')).status, 401, 'the audit stays an admin\'s');
  t.equal((await c.operatorFetch(null, 'POST', '/api/v1/admin/kiosks/KE-DLS-01/maintenance', { until: null })).status, 401);
  t.equal((await c.operatorFetch(null, 'GET', '/metrics')).status, 401);
  t.equal((await c.operatorFetch('admin', 'GET', '/metrics')).status, 401, 'an operator token is not the scrape token');
  const scraped = await c.operatorFetch({ token: 'scrape-7Kq2mZ9xL4pR8tV1nB6cW3yD5' }, 'GET', '/metrics');
  t.equal(scraped.status, 200);
  t.match(scraped.text, /ecorner_/);
});

t.test('every state-changing call is audited: who, what, when, from where, the answer', async (t) => {
  const c = await startTestCentral(t);
  c.clock.advance(60);
  await c.operatorFetch(null, 'POST', '/api/v1/admin/kiosks/KE-DLS-01/maintenance', { until: null });
  await c.operatorFetch('viewer', 'POST', '/api/v1/admin/kiosks/KE-DLS-01/maintenance', { until: null });
  await c.operatorFetch('admin', 'POST', '/api/v1/admin/kiosks/KE-DLS-01/maintenance', { until: '2025-11-26T09:00:00.000Z' });
  await c.operatorFetch('helpdesk', 'POST', '/api/v1/admin/requests/KE-DLS-01/KE-DLS-251126-09999/status', { status: 'resolved', note: 'called 9876543210' });
  await c.operatorFetch('admin', 'GET', '/api/v1/admin/audit'); // reads are not audited
  const entries = (await c.operatorFetch('admin', 'GET', '/api/v1/admin/audit')).json.entries.reverse();
  t.match(entries, [
    { who: '(no valid token)', role: null, action: 'POST /api/v1/admin/kiosks/KE-DLS-01/maintenance', outcome: 401, source: '127.0.0.1', at: '2025-11-26T06:01:00.000Z' },
    { who: OPERATORS.viewer.name, role: 'viewer', outcome: 403 },
    { who: OPERATORS.admin.name, role: 'admin', outcome: 200, detail: '{"until":"2025-11-26T09:00:00.000Z"}' },
    { who: OPERATORS.helpdesk.name, role: 'helpdesk', action: 'POST /api/v1/admin/requests/KE-DLS-01/KE-DLS-251126-09999/status', outcome: 404, detail: '{"status":"resolved"}' },
  ]);
  t.equal(entries.length, 4, 'GETs are not audited');
  t.notOk(JSON.stringify(entries).includes('9876543210'), 'a note\'s free text (which may quote a mobile) stays out of the audit');
  const page = await c.operatorFetch('admin', 'GET', '/audit');
  t.match(page.text, /<td>anita<\/td><td>admin<\/td><td><code>POST \/api\/v1\/admin\/kiosks\/KE-DLS-01\/maintenance<\/code><\/td><td>200<\/td>/);
  t.match(page.text, /\(no valid token\)/);
  c.clock.advance(366 * 86400);
  t.equal(c.app.central.audit.prune(365), 4, 'kept for auditKeepDays, then pruned');
});

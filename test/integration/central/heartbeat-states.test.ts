// late then down on the configured period and grace (injected clock),
// maintenance pauses, transitions recorded, webhook on up↔down only.
import { createServer } from 'node:http';
import t from 'tap';
import { heartbeat, startTestCentral } from '../../fixtures/central/central-helper.js';

async function webhookReceiver(t: { teardown(fn: () => unknown): void }) {
  const received: any[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`, received };
}

t.test('up → late → down on period and grace, back up on a heartbeat', async (t) => {
  const hook = await webhookReceiver(t);
  const c = await startTestCentral(t, { webhook: { url: hook.url, timeoutMs: 2000 } });
  const { monitor, webhook } = c.app.central;
  const state = () => monitor.view('KE-DLS-01')!.state;

  t.equal(state(), 'new', 'never seen');
  t.equal((await c.kioskFetch('POST', '/api/v1/heartbeats', heartbeat('KE-DLS-01', c.clock))).json.state, 'up');

  c.clock.advance(60); // exactly the period: still up
  monitor.evaluateAll();
  t.equal(state(), 'up', 'at the period: up');
  c.clock.advance(1);
  monitor.evaluateAll();
  t.equal(state(), 'late', 'just past the period: late');
  c.clock.advance(119); // period + grace = 180 s
  monitor.evaluateAll();
  t.equal(state(), 'late', 'at period + grace: still late');
  c.clock.advance(1);
  monitor.evaluateAll();
  t.equal(state(), 'down', 'past period + grace: down');
  monitor.evaluateAll();

  c.clock.advance(600);
  const back = await c.kioskFetch('POST', '/api/v1/heartbeats', heartbeat('KE-DLS-01', c.clock, { sequence: 14, failedSince: 12 }));
  t.equal(back.json.state, 'up', 'a heartbeat brings it back up');

  const rows = c.app.central.db.prepare(`SELECT from_state, to_state, at FROM transitions WHERE kiosk_id = 'KE-DLS-01' ORDER BY id`).all() as any[];
  t.same(rows.map((r) => `${r.from_state}>${r.to_state}`), ['new>up', 'up>late', 'late>down', 'down>up'], 'each transition recorded once');
  t.equal(rows[2].at, '2025-11-26T06:03:01.000Z', 'down recorded at the injected time');

  await webhook!.flush();
  t.same(hook.received.map((e) => `${e.kioskId}:${e.from}>${e.to}`), ['KE-DLS-01:late>down', 'KE-DLS-01:down>up'], 'webhook only on up↔down');
  t.match(hook.received[0].text, /DOWN/);

  const list = (await c.operatorFetch('viewer', 'GET', '/api/v1/kiosks')).json;
  const k = list.kiosks.find((x: any) => x.id === 'KE-DLS-01');
  t.equal(k.state, 'up');
  t.equal(k.lastSeenAgeSeconds, 0);
  t.equal(k.transitions[0].to, 'up', 'latest transition first');
  t.equal(list.kiosks.find((x: any) => x.id === 'KE-PHB-01').state, 'new');
});

t.test('per-kiosk period and grace from the registry', async (t) => {
  const c = await startTestCentral(t);
  await c.kioskFetch('POST', '/api/v1/heartbeats', heartbeat('KE-PHB-01', c.clock), { kioskId: 'KE-PHB-01' });
  c.clock.advance(31);
  c.app.central.monitor.evaluateAll();
  t.equal(c.app.central.monitor.view('KE-PHB-01')!.state, 'late', '30 s period');
  c.clock.advance(30);
  c.app.central.monitor.evaluateAll();
  t.equal(c.app.central.monitor.view('KE-PHB-01')!.state, 'down', '30 s grace');
});

t.test('maintenance pauses alerts until the time set', async (t) => {
  const hook = await webhookReceiver(t);
  const c = await startTestCentral(t, { webhook: { url: hook.url } });
  const { monitor, webhook } = c.app.central;
  const state = () => monitor.view('KE-DLS-01')!.state;
  const until = new Date(c.clock.now().getTime() + 3600_000).toISOString();
  const res = await c.kioskFetch('POST', '/api/v1/heartbeats', heartbeat('KE-DLS-01', c.clock, { maintenance: { active: true, until } }));
  t.equal(res.json.state, 'maintenance', 'technician set maintenance at the kiosk');
  c.clock.advance(1800); // heartbeats stopped (technician switched it off)
  monitor.evaluateAll();
  t.equal(state(), 'maintenance', 'silent for 30 min: still maintenance, not down');
  t.equal(monitor.view('KE-DLS-01')!.maintenanceUntil, until);
  c.clock.advance(1801);
  monitor.evaluateAll();
  t.equal(state(), 'down', 'after the pause ends, the missing heartbeats count');
  await webhook!.flush();
  t.same(hook.received.map((e) => `${e.from}>${e.to}`), ['maintenance>down'], 'no alert during maintenance; one when it ends down');

  // Central can pause too, and a kiosk heartbeat without maintenance does not lift it.
  const paused = await c.adminFetch('POST', '/api/v1/admin/kiosks/KE-DLS-01/maintenance', { until: new Date(c.clock.now().getTime() + 600_000).toISOString() });
  t.equal(paused.status, 200);
  t.equal(paused.json.state, 'maintenance');
  await c.kioskFetch('POST', '/api/v1/heartbeats', heartbeat('KE-DLS-01', c.clock, { sequence: 2 }));
  t.equal(state(), 'maintenance', 'central pause stays');
  const resumed = await c.adminFetch('POST', '/api/v1/admin/kiosks/KE-DLS-01/maintenance', { until: null });
  t.equal(resumed.json.state, 'up');
  const unknown = await c.adminFetch('POST', '/api/v1/admin/kiosks/KE-ZZZ-01/maintenance', { until: null });
  t.equal(unknown.status, 404);
  const noToken = await fetch(`${c.url}/api/v1/admin/kiosks/KE-DLS-01/maintenance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"until":null}' });
  t.equal(noToken.status, 401);
});

t.test('state changes reported after an outage are kept and shown', async (t) => {
  const c = await startTestCentral(t);
  const changes = [
    { part: 'printer', level: 'fault', state: 'paper-end', at: '2025-11-26T05:10:00.000Z' },
    { part: 'printer', level: 'ok', state: 'ready', at: '2025-11-26T05:40:00.000Z' },
  ];
  const res = await c.kioskFetch('POST', '/api/v1/heartbeats', heartbeat('KE-DLS-01', c.clock, { changes, failedSince: 40 }));
  t.equal(res.status, 200);
  const view = c.app.central.monitor.view('KE-DLS-01')!;
  t.same(view.recentChanges.map((x) => x.state), ['ready', 'paper-end'], 'newest first');
});

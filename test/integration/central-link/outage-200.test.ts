// Done-when: central stopped for a simulated hour while 200 requests are
// submitted at the kiosk; after it returns central holds exactly 200
// tickets, none twice, and every kiosk request shows its ticket number.
// Real RequestStore, real central on loopback, a proxy that also loses some
// of central's replies so the idempotent repeat path is exercised.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { pino } from 'pino';
import { CentralLink } from '../../../controller/central-link/index.js';
import { RequestStore } from '../../../controller/store/request-store.js';
import { listenCentral, type RunningCentral } from '../../../central/server.js';
import { ticketNumber } from '../../../central/intake/tickets.js';
import { parseCentralConfig } from '../../../central/config/load.js';
import { kioskConfig, kioskContext, until, WarpedTime } from '../../fixtures/central/link-world.js';

const SECRET = 'outage-test-secret-0123456789';
const HOUR = 3600_000;

/** Forwards to central; drops the reply (after central handled it) for chosen requests. */
function startProxy(target: () => number, dropReply: (method: string, url: string) => boolean): Promise<{ server: Server; port: number; dropped: number }> {
  const state = { server: null as unknown as Server, port: 0, dropped: 0 };
  state.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = httpRequest({ host: '127.0.0.1', port: target(), method: req.method, path: req.url, headers: req.headers }, (upRes) => {
        const body: Buffer[] = [];
        upRes.on('data', (c: Buffer) => body.push(c));
        upRes.on('end', () => {
          if (dropReply(req.method ?? '', req.url ?? '')) {
            state.dropped += 1;
            req.socket.destroy(); // central committed; the kiosk never hears
            return;
          }
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          res.end(Buffer.concat(body));
        });
      });
      // Central down: the kiosk sees the connection die, as with central itself gone.
      up.on('error', () => req.socket.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  return new Promise((resolve) => state.server.listen(0, '127.0.0.1', () => {
    const a = state.server.address();
    state.port = typeof a === 'object' && a ? a.port : 0;
    resolve(state);
  }));
}

t.test('200 requests through a simulated hour without central', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecorner-outage-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const time = new WarpedTime(720); // one simulated hour per five real seconds

  const centralConfig = parseCentralConfig({
    version: 1,
    listen: { host: '127.0.0.1', port: 0 },
    dbPath: path.join(dir, 'central.sqlite'),
    gateway: { provider: 'razorpay', webhookSecret: 'outage-webhook-secret-0123456789' },
    heartbeat: { periodSeconds: 60, graceSeconds: 120 },
    seedConsumers: 0,
    kiosks: [{ id: 'KE-DLS-01', site: 'DLS', name: 'Dehli Sujanpur', secret: SECRET }],
  });
  const centralLog = pino({ level: 'silent' });
  let central: RunningCentral | null = await listenCentral(centralConfig, { now: time.now, log: centralLog });
  const centralPort = central.port;
  centralConfig.listen.port = centralPort; // come back on the same port
  t.teardown(async () => { await central?.close(); });

  let dropEvery = 0;
  let seen = 0;
  const proxy = await startProxy(() => centralPort, (method, url) => method === 'POST' && url === '/api/v1/requests' && dropEvery > 0 && ++seen % dropEvery === 0);
  t.teardown(() => new Promise<void>((r) => proxy.server.close(() => r())));

  const config = kioskConfig({ dataDir: path.join(dir, 'kiosk'), url: `http://127.0.0.1:${proxy.port}`, secret: SECRET, heartbeatSeconds: 60, retryMaxSeconds: 300 });
  const ctx = kioskContext(config, time.now);
  const store = await RequestStore.open({ dataDir: config.dataDir, kioskId: 'KE-DLS-01', siteCode: 'DLS', now: time.now });
  const link = new CentralLink(ctx, store, { timers: time, systemInfo: { vcgencmd: async () => { throw new Error('not a Pi'); } } });
  await link.start();
  t.teardown(() => link.stop());

  await until(() => link.heartbeat.lastDeliveredAt !== null, 5000, 'first heartbeat');

  // Central goes away.
  await central.close();
  central = null;
  const outageStart = time.now().getTime();

  const refs: string[] = [];
  for (let i = 0; i < 200; i++) {
    const r = await store.create({ service: 'billing-complaint', mobile: `98${String(76543200 + i).padStart(8, '0')}`, account: '2130000001', fields: { description: `complaint ${i}` }, dueBy: new Date(time.now().getTime() + 7 * 86400_000) });
    refs.push(r.reference);
    ctx.bus.emit('request-created', { reference: r.reference, service: r.service });
    if (i % 20 === 19) await time.sleep(HOUR / 20); // spread over the hour
  }
  // Each create is fsync'd in real time, so the hour may stretch; never shorten it.
  while (time.now().getTime() - outageStart < HOUR) await time.sleep(60_000);
  const outageMs = time.now().getTime() - outageStart;
  t.ok(outageMs >= HOUR, `a simulated hour has passed (${Math.round(outageMs / 60_000)} min)`);
  t.equal(store.backlog(time.now()).depth, 200, 'all 200 still queued at the kiosk');
  t.ok(link.outbox.failures >= 8, `outbox backed off and retried (${link.outbox.failures} blocked passes)`);
  // Ramp 0.5 s, 1 s, … up to the 300 s cap (each wait at least half of it): about
  // ten passes to reach the cap, then at most one pass per 150 s.
  const maxPasses = 12 + Math.ceil(outageMs / 150_000);
  t.ok(link.outbox.failures <= maxPasses, `but did not hammer: ${link.outbox.failures} passes ≤ ${maxPasses}`);
  t.equal(ctx.health.get('outbox')?.state, 'central-unreachable');
  t.ok(link.heartbeat.failedSince > 0, 'heartbeat failures counted');
  t.equal(ctx.health.get('central')?.state, 'unreachable');

  // Central returns on the same port, same database; some replies get lost.
  dropEvery = 7;
  central = await listenCentral(centralConfig, { now: time.now, log: centralLog });
  const backAt = time.now().getTime();
  await until(() => store.backlog(time.now()).depth === 0, 20_000, 'the backlog to drain');
  dropEvery = 0;

  const db = central.app.central.db;
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM tickets`).get() as { n: number }).n;
  t.equal(total, 200, 'central holds exactly 200 tickets');
  const dupes = db.prepare(`SELECT reference, COUNT(*) AS n FROM tickets GROUP BY kiosk_id, reference HAVING n > 1`).all();
  t.same(dupes, [], 'none twice');
  t.ok(proxy.dropped > 0, `replies were lost (${proxy.dropped}) and the repeats were answered idempotently`);
  const byRef = new Map((db.prepare(`SELECT reference, id, epoch FROM tickets`).all() as Array<{ reference: string; id: number; epoch: string }>).map((r) => [r.reference, ticketNumber(r.id, r.epoch)]));
  const mismatched = refs.filter((ref) => store.get(ref)?.sync.ticket !== byRef.get(ref));
  t.same(mismatched, [], 'every kiosk request shows the ticket central gave it');
  t.ok(refs.every((ref) => store.get(ref)?.sync.state === 'synced' && store.get(ref)?.sync.centralStatus === 'received'));
  const order = (db.prepare(`SELECT reference FROM tickets ORDER BY id`).all() as Array<{ reference: string }>).map((r) => r.reference);
  t.same(order, refs, 'handed over in the order they were submitted');

  // The next heartbeat tells central what happened meanwhile, in one report.
  await until(() => link.heartbeat.failedSince === 0 && ctx.health.get('central')?.state === 'connected', 5000, 'heartbeat delivery');
  await link.heartbeat.sendNow();
  const rows = db.prepare(`SELECT changes FROM heartbeats WHERE changes IS NOT NULL`).all() as Array<{ changes: string }>;
  const reported = rows.flatMap((r) => JSON.parse(r.changes) as Array<{ part: string; state: string }>);
  t.ok(reported.some((c) => c.part === 'outbox' && c.state === 'central-unreachable'), 'outage reported after the fact');
  // Missed heartbeats are not replayed: after central returns, at most one per period arrives.
  const since = new Date(backAt).toISOString();
  const after = (db.prepare(`SELECT COUNT(*) AS n FROM heartbeats WHERE received_at >= ?`).get(since) as { n: number }).n;
  const periods = Math.ceil((time.now().getTime() - backAt) / 60_000);
  t.ok(after <= periods + 2, `no flood: ${after} heartbeats in ${periods} periods after an outage of ${Math.round(outageMs / 60_000)} periods`);
  t.equal(central.app.central.monitor.view('KE-DLS-01')?.state, 'up');
});

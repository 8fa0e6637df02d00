// Central's database wiped, or restored from an older backup, while a kiosk
// holds synced and unsynced requests: the kiosk sees the new epoch, re-offers
// everything, and every request ends with one ticket number that never named
// another request; a status set afterwards reaches the kiosk. And a kiosk
// whose clock is two hours off recovers by itself and shows the skew.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { pino } from 'pino';
import { CentralLink } from '../../../controller/central-link/index.js';
import { RequestStore } from '../../../controller/store/request-store.js';
import { startCentral, type RunningCentral } from '../../../central/server.js';
import { KIOSKS, OPERATORS } from '../../fixtures/central/central-helper.js';
import { kioskConfig, kioskContext, until } from '../../fixtures/central/link-world.js';
import { startTestKiosk, validComplaint } from '../../helpers/kiosk.js';

const SECRET = KIOSKS[0]!.secret;
const noPi = { vcgencmd: async () => { throw new Error('not a Pi'); } };

async function central(dbPath: string, port = 0, now?: () => Date): Promise<RunningCentral> {
  return startCentral({
    port, dbPath, kiosks: [KIOSKS[0]!], operators: [OPERATORS.helpdesk], seedConsumers: 0,
    log: pino({ level: 'silent' }), timers: false, ...(now ? { now } : {}),
  });
}

async function setStatus(c: RunningCentral, reference: string, status: string): Promise<number> {
  const r = await fetch(`${c.url}/api/v1/admin/requests/KE-DLS-01/${reference}/status`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATORS.helpdesk.token}` }, body: JSON.stringify({ status }) });
  return r.status;
}

function ticketsAtCentral(c: RunningCentral): Map<string, string> {
  const rows = c.app.central.db.prepare(`SELECT reference, id, epoch FROM tickets`).all() as Array<{ reference: string; id: number; epoch: string }>;
  return new Map(rows.map((r) => [r.reference, `HD-${r.epoch}-${String(r.id).padStart(6, '0')}`]));
}

t.test('wipe and older-backup restore with a kiosk attached', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecorner-epoch-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const dbPath = path.join(dir, 'central', 'central.sqlite');
  let c: RunningCentral | null = await central(dbPath);
  const port = c.port;
  t.teardown(async () => { await c?.close(); });
  const epochs = [c.epoch];

  const config = kioskConfig({ dataDir: path.join(dir, 'kiosk'), url: c.url, secret: SECRET, heartbeatSeconds: 5, retryMaxSeconds: 1 });
  const now = () => new Date();
  const ctx = kioskContext(config, now);
  const store = await RequestStore.open({ dataDir: config.dataDir, kioskId: 'KE-DLS-01', siteCode: 'DLS', now });
  const link = new CentralLink(ctx, store, { retryBaseMs: 20, statusPollSeconds: 1, systemInfo: noPi });
  await link.start();
  t.teardown(() => link.stop());

  // Every ticket number the kiosk ever held, and for which request: a number must never name two.
  const named = new Map<string, string>();
  const noteTickets = () => {
    for (const ref of refs) {
      const ticket = store.get(ref)?.sync.ticket;
      if (!ticket) continue;
      const before = named.get(ticket);
      if (before !== undefined && before !== ref) t.fail(`ticket ${ticket} named ${before} and now ${ref}`);
      named.set(ticket, ref);
    }
  };
  const refs: string[] = [];
  const submit = async (i: number) => {
    const r = await store.create({ service: 'billing-complaint', mobile: '9876543210', account: '2130000001', fields: { description: `complaint ${i}` }, dueBy: new Date(Date.now() + 7 * 86400_000) });
    refs.push(r.reference);
    ctx.bus.emit('request-created', { reference: r.reference, service: r.service });
    return r.reference;
  };
  const allSynced = () => refs.every((ref) => store.get(ref)?.sync.state === 'synced');
  const matchesCentral = (cc: RunningCentral) => {
    const atCentral = ticketsAtCentral(cc);
    return refs.every((ref) => store.get(ref)?.sync.ticket === atCentral.get(ref));
  };

  for (let i = 0; i < 3; i++) await submit(i);
  await until(allSynced, 10_000, 'first three synced');
  noteTickets();
  t.ok(refs.every((ref) => store.get(ref)!.sync.ticket!.startsWith(`HD-${epochs[0]}-`)), 'tickets carry the first epoch');
  await until(() => link.clock.epoch === epochs[0], 5000, 'kiosk learnt the epoch');

  // A backup is taken (central stopped, so the file is whole), then life goes on.
  await c.close();
  const backup = path.join(dir, 'backup.sqlite');
  copyFileSync(dbPath, backup);
  c = await central(dbPath, port);
  t.equal(c.epoch, epochs[0], 'a restart keeps the epoch');
  for (let i = 3; i < 5; i++) await submit(i);
  await until(allSynced, 10_000, 'two more synced after the backup');
  noteTickets();
  t.equal(await setStatus(c, refs[0]!, 'assigned'), 200);
  await until(() => store.get(refs[0]!)?.sync.centralStatus === 'assigned', 10_000, 'status before the restore');

  // Central is restored from the older backup (only the .sqlite file, as an operator would).
  await c.close();
  c = null;
  const unsyncedRef = await submit(5); // accepted while central is down: unsynced
  t.equal(store.get(unsyncedRef)?.sync.state, 'pending');
  rmSync(`${dbPath}-wal`, { force: true });
  rmSync(`${dbPath}-shm`, { force: true });
  copyFileSync(backup, dbPath);
  c = await central(dbPath, port);
  t.not(c.epoch, epochs[0], 'central recognises the older copy and starts a new epoch');
  epochs.push(c.epoch);
  await until(() => allSynced() && matchesCentral(c!), 15_000, 'every request held by central again after the restore');
  noteTickets();
  const afterRestore = ticketsAtCentral(c);
  t.equal(afterRestore.size, 6, 'one ticket per request at central');
  t.ok(refs.slice(0, 3).every((ref) => afterRestore.get(ref)!.startsWith(`HD-${epochs[0]}-`)), 'requests in the backup keep their first tickets');
  t.ok(refs.slice(3).every((ref) => afterRestore.get(ref)!.startsWith(`HD-${epochs[1]}-`)), 'the rest get numbers of the new epoch');
  t.equal(link.clock.epoch, epochs[1]);
  t.equal(await setStatus(c, refs[4]!, 'resolved'), 200);
  await until(() => store.get(refs[4]!)?.sync.centralStatus === 'resolved', 10_000, 'a status set after the restore reaches the kiosk');

  // Central's database is wiped.
  await c.close();
  c = null;
  rmSync(path.join(dir, 'central'), { recursive: true, force: true });
  await submit(6);
  c = await central(dbPath, port);
  epochs.push(c.epoch);
  t.equal(new Set(epochs).size, 3, 'a wiped database has a new epoch');
  await until(() => allSynced() && matchesCentral(c!), 15_000, 'every request held by central again after the wipe');
  noteTickets();
  t.equal(ticketsAtCentral(c).size, 7, 'one ticket per request at central');
  t.equal(await setStatus(c, refs[1]!, 'in-progress'), 200);
  await until(() => store.get(refs[1]!)?.sync.centralStatus === 'in-progress', 10_000, 'a status set after the wipe reaches the kiosk');
  t.equal(new Set(named.values()).size, refs.length, 'every request had a ticket');
  t.ok(named.size >= refs.length + 5, `${named.size} ticket numbers over three epochs, none naming two requests`);
});

t.test('a kiosk clock 2 hours ahead recovers by itself and shows the skew', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecorner-clock-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const c = await central(path.join(dir, 'central.sqlite'));
  t.teardown(() => c.close());
  const wrong = () => new Date(Date.now() + 2 * 3600_000);
  const config = kioskConfig({ dataDir: path.join(dir, 'kiosk'), url: c.url, secret: SECRET, heartbeatSeconds: 5, retryMaxSeconds: 1 });
  const ctx = kioskContext(config, wrong);
  const store = await RequestStore.open({ dataDir: config.dataDir, kioskId: 'KE-DLS-01', siteCode: 'DLS', now: wrong });
  const link = new CentralLink(ctx, store, { retryBaseMs: 20, statusPollSeconds: 1, systemInfo: noPi });
  t.equal(link.clock.skewSeconds, null, 'no skew known before central answered');
  await link.start();
  t.teardown(() => link.stop());

  await until(() => link.heartbeat.lastDeliveredAt !== null, 10_000, 'a heartbeat delivered despite the clock');
  t.equal(link.heartbeat.failuresTotal, 0, 'the stale-timestamp refusal was answered in the same call');
  const skew = link.clock.skewSeconds!;
  t.ok(Math.abs(skew + 7200) <= 2, `skew measured: ${skew} s (central is two hours behind the kiosk)`);
  const clock = ctx.health.get('clock');
  t.match(clock, { level: 'warning', state: 'skewed', detail: /about 120 min ahead of central/ }, 'clock: warning with the skew on health');
  const r = await store.create({ service: 'billing-complaint', mobile: '9876543210', account: '2130000001', fields: { description: 'clock test' }, dueBy: new Date(Date.now() + 86400_000) });
  ctx.bus.emit('request-created', { reference: r.reference, service: r.service });
  await until(() => store.get(r.reference)?.sync.state === 'synced', 10_000, 'a request handed over with the corrected time');
  await link.heartbeat.sendNow();
  const row = c.app.central.db.prepare(`SELECT last_heartbeat FROM kiosks WHERE id = 'KE-DLS-01'`).get() as { last_heartbeat: string };
  const hb = JSON.parse(row.last_heartbeat) as { measuredSkewSeconds: number };
  t.ok(Math.abs(hb.measuredSkewSeconds + 7200) <= 2, `the heartbeat reports the measured skew (${hb.measuredSkewSeconds} s)`);
});

t.test('epochs at central: kept across restarts, new for a wiped file, an older copy, or a file restored elsewhere', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecorner-epoch-open-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const dbPath = path.join(dir, 'a', 'central.sqlite');
  const intake = (n: number) => ({ reference: `KE-DLS-251126-0000${n}`, service: 'billing-complaint', mobile: '9876543210', fields: {}, createdAt: '2025-11-26T06:00:00.000Z', dueBy: '2025-12-10T06:00:00.000Z' });
  let c = await central(dbPath);
  const first = c.epoch;
  c.app.central.tickets.submit('KE-DLS-01', intake(1) as never);
  await c.close();
  c = await central(dbPath);
  t.equal(c.epoch, first, 'a restart keeps it');
  await c.close();
  // The same file on another machine (no high-water marks beside it).
  const elsewhere = path.join(dir, 'b', 'central.sqlite');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(path.dirname(elsewhere));
  copyFileSync(dbPath, elsewhere);
  c = await central(elsewhere);
  t.not(c.epoch, first, 'a file with tickets but no marks gets a new epoch');
  const moved = c.epoch;
  await c.close();
  c = await central(elsewhere);
  t.equal(c.epoch, moved, 'and keeps it from then on');
  await c.close();
  rmSync(path.join(dir, 'b'), { recursive: true, force: true });
  c = await central(elsewhere);
  t.not(c.epoch, moved, 'a wiped database: a new epoch');
  await c.close();
});

t.test('a whole kiosk with a clock 2 hours behind stamps its requests with central\'s time once it has heard from central', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecorner-kiosk-clock-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const c = await central(path.join(dir, 'central.sqlite'));
  t.teardown(() => c.close());
  const behind = () => new Date(Date.now() - 2 * 3600_000);
  const kiosk = await startTestKiosk(t, {
    now: behind,
    modify: (k) => {
      k.simulator.startCentral = false;
      k.central.url = c.url;
      k.central.kioskSecret = SECRET;
      k.kiosk.id = 'KE-DLS-01';
    },
  });
  await until(() => kiosk.ctx.health.get('clock')?.state === 'skewed', 10_000, 'the first signed reply');
  t.match(kiosk.ctx.health.get('clock')?.detail, /about 120 min behind central/);
  const health = (await kiosk.app.inject({ method: 'GET', url: '/api/health' })).json();
  t.match(health.parts.clock, { level: 'warning', state: 'skewed' }, 'on the health API the technician page shows');
  const made = (await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: validComplaint })).json();
  const createdAt = Date.parse(kiosk.store.get(made.reference)!.createdAt);
  t.ok(Math.abs(createdAt - Date.now()) < 10_000, `the request is stamped with central's time (${new Date(createdAt).toISOString()}), not the kiosk's two-hours-behind clock`);
  await until(() => kiosk.store.get(made.reference)?.sync.state === 'synced', 10_000, 'handed over');
  t.ok(await kiosk.link.heartbeat.sendNow(), 'heartbeat delivered');
  const seen = c.app.central.monitor.view('KE-DLS-01')!.clockSkewSeconds!;
  t.ok(Math.abs(seen - 7200) <= 2, `central's fleet view shows the kiosk's own clock 2 h behind (${seen} s), though the kiosk now stamps central's time`);
});

// Outbox rules with an in-memory store and a scripted central: order,
// stop-at-first-unreachable, backoff growth and cap, rejection isolation,
// status flowing back.
import t from 'tap';
import { pino } from 'pino';
import { EventBus } from '../../../controller/events/bus.js';
import { HealthRegistry } from '../../../controller/health/registry.js';
import { Outbox, toIntake } from '../../../controller/central-link/outbox.js';
import type { CentralResult } from '../../../controller/central-link/client.js';
import type { RequestAccepted, RequestIntake, RequestUpdatesReply } from '../../../protocol/requests.js';
import { ManualTimers, MemoryOutboxStore } from '../../fixtures/central/link-doubles.js';

type Script = (body: RequestIntake) => CentralResult<RequestAccepted>;

function setup(script: Script, updates: RequestUpdatesReply['updates'] = []) {
  const store = new MemoryOutboxStore();
  const timers = new ManualTimers();
  const health = new HealthRegistry(new EventBus());
  const sent: string[] = [];
  let cursor = 0;
  let ticket = 0;
  const client = {
    submitRequest: async (body: RequestIntake) => {
      sent.push(body.reference);
      return script(body);
    },
    requestUpdates: async (after: number): Promise<CentralResult<RequestUpdatesReply>> => {
      const u = updates.filter((x) => x.cursor > after);
      return { ok: true, status: 200, value: { updates: u, nextCursor: u.length ? u[u.length - 1]!.cursor : after } };
    },
  };
  const outbox = new Outbox({
    store, client, health, timers, log: pino({ level: 'silent' }), now: () => new Date('2025-11-26T07:00:00Z'), random: () => 0,
    retryBaseMs: 1000, retryMaxSeconds: 60, statusPollSeconds: 120,
    cursor: { get: () => cursor, set: (n) => { cursor = n; } },
  });
  const accept = (body: RequestIntake): CentralResult<RequestAccepted> => ({ ok: true, status: 201, value: { reference: body.reference, ticket: `HD-${String(++ticket).padStart(6, '0')}`, status: 'received', receivedAt: '2025-11-26T07:00:00.000Z' } });
  return { store, timers, health, sent, outbox, accept, cursor: () => cursor };
}

const down: Script = () => ({ ok: false, error: { kind: 'network', message: 'ECONNREFUSED' } });

t.test('hands everything over in order and stores the tickets', async (t) => {
  let accept!: Script;
  const s = setup((b) => accept(b));
  accept = s.accept;
  for (let i = 1; i <= 120; i++) s.store.add(i);
  const report = await s.outbox.drain();
  t.same(report, { delivered: 120, rejected: 0 });
  t.same(s.sent, s.store.requests.map((r) => r.reference), 'oldest first, each once');
  t.ok(s.store.requests.every((r, i) => r.sync.state === 'synced' && r.sync.ticket === `HD-${String(i + 1).padStart(6, '0')}`));
});

t.test('central unreachable: stops at the first request, backs off, grows to the cap', async (t) => {
  let script: Script = down;
  const s = setup((b) => script(b));
  for (let i = 1; i <= 5; i++) s.store.add(i);
  s.outbox.start();
  t.equal(s.timers.lastDelay, 0, 'first pass right away');
  await s.timers.fire();
  t.same(s.sent, ['KE-DLS-251126-00001'], 'one attempt, not five');
  t.equal(s.store.requests[0]!.sync.attempts, 1);
  t.match(s.store.requests[0]!.sync.lastError, /ECONNREFUSED/);
  t.equal(s.health.get('outbox')?.state, 'central-unreachable');
  t.equal(s.timers.lastDelay, 500, 'first retry: half of 1 s with zero jitter');
  const delays = [];
  for (let i = 0; i < 9; i++) {
    await s.timers.fire();
    delays.push(s.timers.lastDelay);
  }
  t.same(delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000], 'doubling, capped at retryMaxSeconds (60 s → 30..60 s)');
  s.outbox.kick();
  t.equal(s.timers.pending.size, 1, 'a new request does not break the backoff');

  script = s.accept;
  await s.timers.fire();
  t.ok(s.store.requests.every((r) => r.sync.state === 'synced'), 'all delivered when central returns');
  t.equal(s.outbox.failures, 0);
  t.equal(s.health.get('outbox')?.state, 'synced');
  t.equal(s.timers.lastDelay, 120_000, 'then idles until the status poll');
  await s.outbox.stop();
  t.equal(s.timers.pending.size, 0, 'stop clears the timer');
});

t.test('a request central refuses does not block the others', async (t) => {
  let accept!: Script;
  const s = setup((b) => (b.reference.endsWith('00002') ? { ok: false, error: { kind: 'http', status: 409, code: 'idempotency-conflict', message: 'different body' } } : accept(b)));
  accept = s.accept;
  for (let i = 1; i <= 4; i++) s.store.add(i);
  s.outbox.start();
  await s.timers.fire();
  t.same(s.store.requests.map((r) => r.sync.state), ['synced', 'pending', 'synced', 'synced']);
  t.match(s.store.requests[1]!.sync.lastError, /409 idempotency-conflict/);
  t.equal(s.health.get('outbox')?.level, 'fault');
  t.equal(s.timers.lastDelay, 60_000, 'the refused one is retried at the capped delay');
  await s.outbox.stop();
});

t.test('401 (clock or secret) and 5xx stop the pass like an outage', async (t) => {
  for (const status of [401, 500, 503]) {
    const s = setup(() => ({ ok: false, error: { kind: 'http', status, code: 'x', message: 'no' } }));
    s.store.add(1);
    s.store.add(2);
    const r = await s.outbox.drain();
    t.equal(r.blockedBy?.kind, 'http', `${status}`);
    t.equal(s.sent.length, 1, `${status}: stopped after the first`);
  }
});

t.test('status changes flow back through the cursor', async (t) => {
  let accept!: Script;
  const s = setup((b) => accept(b), [
    { cursor: 1, reference: 'KE-DLS-251126-00001', ticket: 'HD-000001', status: 'received', at: '2025-11-26T07:00:00.000Z' },
    { cursor: 5, reference: 'KE-DLS-251126-00001', ticket: 'HD-000001', status: 'resolved', at: '2025-11-26T09:00:00.000Z' },
    { cursor: 6, reference: 'KE-DLS-251126-09999', ticket: 'HD-000044', status: 'assigned', at: '2025-11-26T09:00:00.000Z' },
  ]);
  accept = s.accept;
  s.store.add(1);
  await s.outbox.drain();
  await s.outbox.pullStatus();
  t.equal(s.store.requests[0]!.sync.centralStatus, 'resolved');
  t.equal(s.cursor(), 6, 'cursor advanced past an update for a request no longer stored');
});

t.test('the wire form leaves kiosk-only state behind', async (t) => {
  const store = new MemoryOutboxStore();
  const r = store.add(1);
  const w = toIntake(r);
  t.same(Object.keys(w).sort(), ['account', 'createdAt', 'dueBy', 'fields', 'mobile', 'reference', 'service']);
});

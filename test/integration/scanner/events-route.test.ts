// GET /api/events over real HTTP: snapshot first (also on reconnect), scan /
// device-status / receipt-state messages, heartbeats, no listener leak.
import t from 'tap';
import Fastify from 'fastify';
import { EventBus } from '../../../controller/events/bus.js';
import { HealthRegistry } from '../../../controller/health/registry.js';
import { eventsRoutes, sseMessage } from '../../../controller/routes/events/index.js';
import { connectSse, waitFor } from './fixtures/sse-client.js';

async function setup(t: { teardown: (fn: () => unknown) => void }) {
  const bus = new EventBus();
  const health = new HealthRegistry(bus, () => new Date('2026-11-26T10:00:00Z'));
  // fetch (undici) may hold a spare, request-less socket that 'idle' closing does not count as idle.
  const app = Fastify({ forceCloseConnections: true });
  await app.register(eventsRoutes, { bus, health, heartbeatMs: 30, now: () => new Date('2026-11-26T10:00:00Z') });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(() => app.close());
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/events`;
  return { bus, health, app, url };
}

t.test('a client first gets the health snapshot, then live messages of every type', async (t) => {
  const { bus, health, url } = await setup(t);
  health.set('printer', { level: 'ok', state: 'ready' });
  const sse = await connectSse(url);
  t.teardown(() => sse.close());
  t.equal(sse.status, 200);
  t.match(sse.contentType, /^text\/event-stream/);
  const snap = await sse.next();
  t.same(snap.data, { type: 'snapshot', at: '2026-11-26T10:00:00.000Z', health: health.snapshot() });

  const scan = { type: 'scan' as const, kind: 'account' as const, value: '1234567890', at: '2026-11-26T10:00:01.000Z' };
  bus.emit('scan', scan);
  t.same((await sse.next()).data, scan, 'scan events are passed through exactly');

  health.set('scanner', { level: 'warning', state: 'disconnected', detail: '/dev/serial/by-id/x: gone' });
  t.same((await sse.next()).data, { type: 'device-status', device: 'scanner', health: { level: 'warning', state: 'disconnected', detail: '/dev/serial/by-id/x: gone', since: '2026-11-26T10:00:00.000Z' } });

  bus.emit('receipt-state', { reference: 'KE-DLS-261126-00042', state: 'printed' });
  t.same((await sse.next()).data, { type: 'receipt-state', reference: 'KE-DLS-261126-00042', state: 'printed' });

  bus.emit('request-created', { reference: 'KE-DLS-261126-00043', service: 'bill' });
  bus.emit('scan', { ...scan, value: '1234567891' });
  t.equal((await sse.next()).data.value, '1234567891', 'events not meant for the UI are not streamed');

  await waitFor(() => sse.comments.some((c) => c.startsWith('keep-alive')), 2000, 'a heartbeat comment');
  t.pass('heartbeat comments arrive');
});

t.test('a reconnecting client gets a fresh snapshot with the current state', async (t) => {
  const { health, url } = await setup(t);
  health.set('scanner', { level: 'ok', state: 'ready' });
  const first = await connectSse(url);
  t.equal(((await first.next()).data.health as { parts: Record<string, { state: string }> }).parts.scanner?.state, 'ready');
  await first.close();
  health.set('scanner', { level: 'warning', state: 'not-found' });
  const second = await connectSse(url);
  t.teardown(() => second.close());
  const snap = await second.next();
  t.equal(snap.data.type, 'snapshot');
  t.equal((snap.data.health as { level: string; parts: Record<string, { state: string }> }).parts.scanner?.state, 'not-found');
  t.equal((snap.data.health as { level: string }).level, 'warning');
});

t.test('listeners are removed when clients disconnect (no leak over 30 clients)', async (t) => {
  const { bus, url } = await setup(t);
  for (let i = 0; i < 30; i++) {
    const c = await connectSse(url);
    await c.next();
    t.ok(bus.listenerCount('scan') >= 1);
    await c.close();
  }
  await waitFor(() => bus.listenerCount('scan') === 0 && bus.listenerCount('device-status') === 0 && bus.listenerCount('receipt-state') === 0, 3000, 'listeners gone');
  t.pass('no listeners left');
});

t.test('app.close() ends open streams instead of hanging', async (t) => {
  const bus = new EventBus();
  // fetch (undici) may hold a spare, request-less socket that 'idle' closing does not count as idle.
  const app = Fastify({ forceCloseConnections: true });
  await app.register(eventsRoutes, { bus, health: new HealthRegistry(bus) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const c = await connectSse(`http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/events`);
  await c.next();
  const started = Date.now();
  await app.close();
  t.ok(Date.now() - started < 2000, 'closed promptly');
  await t.rejects(c.next(() => true, 2000), /ended/);
  t.equal(bus.listenerCount('scan'), 0);
  await c.close();
});

t.test('sseMessage frames JSON on one data line', async (t) => {
  t.equal(sseMessage({ type: 'x', text: 'a\nb' }, 7), 'id: 7\ndata: {"type":"x","text":"a\\nb"}\n\n');
});

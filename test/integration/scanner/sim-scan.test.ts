// POST /api/sim/scan through the virtual scanner (socat pty + real serial
// driver) to the SSE stream, the route's 4xx/503 shapes, and the virtual
// scanner bringing socat back after it dies.
import t from 'tap';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { EventBus } from '../../../controller/events/bus.js';
import { HealthRegistry } from '../../../controller/health/registry.js';
import { createLogger } from '../../../controller/log/logger.js';
import { eventsRoutes } from '../../../controller/routes/events/index.js';
import { simScannerRoutes } from '../../../controller/routes/sim/scanner.js';
import { ScannerService } from '../../../controller/scanner/service.js';
import { createScanner, isScanInjector } from '../../../drivers/scanner/index.js';
import { VirtualScanner } from '../../../drivers/scanner/virtual.js';
import { connectSse, waitFor } from './fixtures/sse-client.js';

async function kiosk(t: { teardown: (fn: () => unknown) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'ecorner-sim-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const bus = new EventBus();
  const health = new HealthRegistry(bus);
  const log = createLogger({ level: 'silent' });
  const config = { type: 'virtual' as const, aimPrefix: false, maxLength: 128, duplicateWindowMs: 1500 };
  const scanner = createScanner(config, { log, runDir: dir, reconnect: { initialMs: 20, maxMs: 200 } });
  if (!isScanInjector(scanner)) throw new Error('virtual scanner must accept injected scans');
  const service = new ScannerService({ scanner, config, bus, health, log });
  // The kiosk app's Ajv settings (controller/app.ts): no coercion, unknown fields refused.
  const app = Fastify({ forceCloseConnections: true, ajv: { customOptions: { removeAdditional: false, coerceTypes: false } } });
  await app.register(eventsRoutes, { bus, health });
  await app.register(simScannerRoutes, { scanner });
  await service.start();
  t.teardown(() => service.stop());
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(() => app.close());
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const sse = await connectSse(`${base}/api/events`);
  t.teardown(() => sse.close());
  await waitFor(() => health.get('scanner')?.state === 'ready', 5000, 'scanner ready');
  const post = (body: unknown, raw = false) => fetch(`${base}/api/sim/scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ? (body as string) : JSON.stringify(body) });
  return { scanner, service, health, sse, post, dir };
}

t.test('POST /api/sim/scan goes through the pty and arrives as SSE scan events', async (t) => {
  const k = await kiosk(t);
  t.equal((await k.sse.next()).data.type, 'snapshot');
  const res = await k.post({ data: 'KE-DLS-261126-00042' });
  t.equal(res.status, 202);
  t.same(await res.json(), { accepted: true, bytes: 21 });
  const receipt = await k.sse.next((m) => m.data.type === 'scan');
  t.match(receipt.data, { kind: 'receipt', value: 'KE-DLS-261126-00042', detail: { site: 'DLS', date: '2026-11-26', sequence: 42 } });

  await k.post({ data: 'upi://pay?pa=kesco.bill@sbi&pn=KESCO&am=100&tr=KE-DLS-261126-00042' });
  t.match((await k.sse.next((m) => m.data.type === 'scan')).data, { kind: 'upi', detail: { payee: 'kesco.bill@sbi', amount: '100', reference: 'KE-DLS-261126-00042' } });

  // Same code twice inside the window: one event. The next, different code proves nothing was queued.
  await k.post({ data: '1234567890' });
  await k.post({ data: '1234567890' });
  await k.post({ data: '12345678' });
  t.match((await k.sse.next((m) => m.data.type === 'scan')).data, { kind: 'account', value: '1234567890' });
  t.match((await k.sse.next((m) => m.data.type === 'scan')).data, { kind: 'legacy-account', value: '12345678' });

  // Garbage and over-long codes: an 'unknown' event with the bilingual message, nothing else changes.
  await k.post({ data: '\u0001\u0002garbage\u001b[0m' });
  const junk = await k.sse.next((m) => m.data.type === 'scan');
  t.match(junk.data, { kind: 'unknown', value: 'garbage[0m', detail: { reason: 'unrecognised', message: { en: /not recognised/ } } });
  t.ok(((junk.data.detail as { message: { hi: string } }).message.hi).length > 0);
  await k.post({ data: '9'.repeat(300) });
  t.match((await k.sse.next((m) => m.data.type === 'scan')).data, { kind: 'unknown', detail: { reason: 'too-long' } });
  await k.post({ data: '1234567891' });
  t.match((await k.sse.next((m) => m.data.type === 'scan')).data, { kind: 'account', value: '1234567891' }, 'still reading after junk');
  t.equal(k.health.get('scanner')?.state, 'ready');
});

t.test('bad requests get {statusCode, code, field, message:{en,hi}}', async (t) => {
  const k = await kiosk(t);
  for (const [body, raw, code, field] of [
    [{}, false, 'invalid-body', 'data'],
    [{ data: '' }, false, 'invalid-body', 'data'],
    [{ data: 42 }, false, 'invalid-body', 'data'],
    [{ data: '1234567890', extra: 1 }, false, 'unknown-field', 'extra'],
    ['{"data":', true, 'invalid-body', '(body)'],
    [{ data: '123\r\n456' }, false, 'data-has-terminator', 'data'],
  ] as const) {
    const res = await k.post(body, raw);
    t.equal(res.status, 400, JSON.stringify(body));
    const json = (await res.json()) as Record<string, unknown>;
    t.match(json, { statusCode: 400, code, field, message: { en: String, hi: String } }, JSON.stringify(body));
  }
  await k.scanner.stop();
  const res = await k.post({ data: '1234567890' });
  t.equal(res.status, 503);
  t.match(await res.json(), { statusCode: 503, code: 'scanner-unavailable', field: 'data', message: { en: String, hi: String } });
});

t.test('the virtual scanner restarts socat when it dies and cleans up its temp dir', async (t) => {
  const log = createLogger({ level: 'silent' });
  const v = new VirtualScanner({ maxLength: 64, log, restartMs: 50, reconnect: { initialMs: 20, maxMs: 200 } });
  const scans: string[] = [];
  v.onScan((p) => scans.push(p.bytes.toString()));
  await v.start();
  t.teardown(() => v.stop());
  await waitFor(() => v.status().state === 'ready', 5000, 'ready');
  const dir = join(v.devicePath!, '..');
  const pid = v.socatPid!;
  process.kill(pid, 'SIGKILL'); // the child we started, by its id
  await waitFor(() => v.status().state === 'error', 5000, 'noticed');
  await waitFor(() => v.status().state === 'ready' && v.socatPid !== undefined && v.socatPid !== pid, 5000, 'socat back');
  await v.inject('1234567890');
  await waitFor(() => scans.includes('1234567890'), 5000, 'scan after restart');
  await v.stop();
  t.equal(existsSync(dir), false, 'temp dir removed');
  t.equal(v.status().state, 'stopped');
  await t.rejects(v.inject('1'), /not running/);
});

t.test('without socat the virtual scanner reports why instead of crashing the kiosk', async (t) => {
  const v = new VirtualScanner({ maxLength: 64, socatPath: '/nonexistent/socat', restartMs: 60_000 });
  t.teardown(() => v.stop());
  await v.start();
  t.match(v.status(), { state: 'error', cause: 'open-failed', detail: /apt-get install socat/ });
  await t.rejects(v.inject('1234567890'), /not running/);
});

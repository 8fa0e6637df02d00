// Issue 3 "done when": a request submitted through the API comes out of the
// virtual printer (reached by the real driver over TCP) with its reference,
// a raster block, a QR of the reference and a cut; its PNG matches the stored
// reference image; paper-out before submission gives 201 + waiting + printer
// fault, and the receipt prints exactly once when the paper is back.
//
// The kiosk is composed here as kiosk.ts composes it: context, request store,
// startPrinting(), buildApp() with the printing routes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { pino } from 'pino';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import Fastify from 'fastify';
import { buildApp } from '../../../controller/app.js';
import type { KioskContext } from '../../../controller/context.js';
import { EventBus } from '../../../controller/events/bus.js';
import { HealthRegistry } from '../../../controller/health/registry.js';
import { startPrinting } from '../../../controller/receipts/index.js';
import { printerRoutes } from '../../../controller/routes/printer/index.js';
import { buildCatalogue } from '../../../controller/services/catalogue.js';
import { RequestStore } from '../../../controller/store/request-store.js';
import type { VirtualJob } from '../../../drivers/printer/virtual.js';
import { loadTestConfig, tempDir } from '../../helpers/config.js';
import { until } from '../../helpers/until.js';

// jsqr is CommonJS with a `default` export: NodeNext types see the namespace.
const jsQR = (jsQRModule as unknown as { default: typeof jsQRModule.default }).default;
const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'printer');
const referencePng = path.join(fixtureDir, 'receipt-billing-complaint-58mm.png');
const NOW = new Date('2026-11-26T08:35:00.000Z');
const complaint = { service: 'billing-complaint', mobile: '9876543210', account: '1234567890', fields: { type: 'wrong-reading' } };


async function kiosk(t: Test) {
  const dataDir = tempDir('ecorner-printer-e2e-');
  const { config, network } = loadTestConfig(dataDir, (c) => {
    c.devices.printer.statusPollMs = 200;
    c.devices.printer.statusTimeoutMs = 200;
  });
  const bus = new EventBus();
  const now = () => NOW;
  const ctx: KioskContext = { config, network, log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), bus, health: new HealthRegistry(bus, now), version: '0.1.0', simulator: true, now };
  const store = await RequestStore.open({ dataDir, kioskId: config.kiosk.id, siteCode: config.kiosk.siteCode, now });
  const catalogue = buildCatalogue(network);
  const printing = await startPrinting(ctx, { store, catalogue });
  t.teardown(() => printing.stop());
  const app = await buildApp(ctx, { store, catalogue, routes: [printing.routes] });
  t.teardown(() => app.close());
  const virtual = printing.setup.virtual!;
  await until(() => ctx.health.get('printer')?.state === 'ready');
  return { app, ctx, virtual, printing, store };
}

function decodePng(buffer: Buffer): PNG {
  return PNG.sync.read(buffer);
}

/** Share of pixels whose grey level differs by more than a quarter of the range. */
function pixelDifference(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differ = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const ga = (a.data[i]! + a.data[i + 1]! + a.data[i + 2]!) / 3;
    const gb = (b.data[i]! + b.data[i + 1]! + b.data[i + 2]!) / 3;
    if (Math.abs(ga - gb) > 64) differ++;
  }
  return differ / (a.width * a.height);
}

t.test('submitted request prints one receipt with reference, raster, QR and cut', async (t) => {
  const { app, virtual } = await kiosk(t);
  const jobs: VirtualJob[] = [];
  virtual.onJob((j) => jobs.push(j));

  const res = await app.inject({ method: 'POST', url: '/api/requests', payload: complaint });
  t.equal(res.statusCode, 201, res.body);
  const reference = res.json().reference as string;
  t.match(reference, /^KE-DLS-261126-\d{5}$/);

  await until(() => jobs.length === 1);
  const job = jobs[0]!;
  t.ok(job.items.some((i) => i.type === 'text' && i.text.includes(reference)), 'reference printed as text');
  t.ok(job.items.some((i) => i.type === 'raster' && i.width === 384), 'Hindi lines as a 384-dot raster');
  t.same(job.items.filter((i) => i.type === 'qr').map((i) => (i as { data: string }).data), [reference], 'one QR, holding the reference');
  t.equal(job.items[job.items.length - 1]!.type, 'cut');
  t.ok(job.items.some((i) => i.type === 'text' && i.text.includes('98xxxxxx10')), 'mobile masked');
  t.notOk(job.items.some((i) => i.type === 'text' && i.text.includes('9876543210')), 'full mobile never printed');

  // The listing links the PNG, and the PNG is served.
  const listing = (await app.inject({ method: 'GET', url: '/api/sim/printer/jobs' })).json() as { jobs: Array<{ id: string; png: string; items: Array<{ type: string }> }> };
  t.equal(listing.jobs.length, 1);
  t.ok(listing.jobs[0]!.items.some((i) => i.type === 'raster'));
  const pngRes = await app.inject({ method: 'GET', url: listing.jobs[0]!.png });
  t.equal(pngRes.statusCode, 200);
  t.equal(pngRes.headers['content-type'], 'image/png');
  const png = decodePng(pngRes.rawPayload);
  t.equal(png.width, 384);

  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  t.equal(qr?.data, reference, 'the QR drawn in the PNG decodes to the reference');

  if (!existsSync(referencePng) || process.env.UPDATE_PRINTER_FIXTURES === '1') {
    mkdirSync(fixtureDir, { recursive: true });
    writeFileSync(referencePng, pngRes.rawPayload);
    t.comment(`wrote ${referencePng}`);
  }
  const diff = pixelDifference(png, decodePng(readFileSync(referencePng)));
  t.ok(diff < 0.005, `PNG within 0.5 % of the reference image (differs by ${(diff * 100).toFixed(3)} %)`);

  const view = await until(async () => {
    const v = (await app.inject({ method: 'GET', url: `/api/requests/${reference}?mobile=9876543210` })).json() as { receipt: { state: string } };
    return v.receipt.state === 'printed' && v;
  });
  t.same(view.receipt, { state: 'printed', at: NOW.toISOString() });
  await new Promise((r) => setTimeout(r, 300));
  t.equal(jobs.length, 1, 'exactly one job');
});

t.test('paper out before submission: 201, waiting, printer fault; paper back: printed exactly once', async (t) => {
  const { app, ctx, virtual } = await kiosk(t);
  const jobs: VirtualJob[] = [];
  virtual.onJob((j) => jobs.push(j));

  const sim = await app.inject({ method: 'POST', url: '/api/sim/printer', payload: { paper: 'out' } });
  t.equal(sim.statusCode, 200);
  t.match(sim.json(), { condition: { paper: 'out' }, status: { state: 'paper-end' } });
  t.match(ctx.health.get('printer'), { level: 'fault', state: 'paper-end' });
  const health = (await app.inject({ method: 'GET', url: '/api/health' })).json() as { parts?: Record<string, { level: string }> };
  t.match(health, { parts: { printer: { level: 'fault', state: 'paper-end' } } }, 'health endpoint shows the printer fault');

  const res = await app.inject({ method: 'POST', url: '/api/requests', payload: complaint });
  t.equal(res.statusCode, 201);
  const reference = res.json().reference as string;
  const get = async () => (await app.inject({ method: 'GET', url: `/api/requests/${reference}?mobile=9876543210` })).json() as { receipt: { state: string; reason?: string } };
  await until(async () => (await get()).receipt.state === 'waiting');
  t.same((await get()).receipt, { state: 'waiting', reason: 'paper-end' });
  await new Promise((r) => setTimeout(r, 500));
  t.equal(jobs.length, 0, 'nothing printed without paper');

  await app.inject({ method: 'POST', url: '/api/sim/printer', payload: { paper: 'ok' } });
  await until(async () => (await get()).receipt.state === 'printed');
  await new Promise((r) => setTimeout(r, 600)); // several poll intervals: no second copy
  t.equal(jobs.length, 1, 'printed exactly once');
  t.ok(jobs[0]!.items.some((i) => i.type === 'qr' && i.data === reference));
  t.match(ctx.health.get('printer'), { level: 'ok', state: 'ready' });
});

t.test('cover open and offline also hold the receipt; it prints once when the printer is back', async (t) => {
  const { app, virtual } = await kiosk(t);
  await app.inject({ method: 'POST', url: '/api/sim/printer', payload: { cover: 'open' } });
  const r1 = (await app.inject({ method: 'POST', url: '/api/requests', payload: complaint })).json() as { reference: string };
  const get = async (ref: string) => ((await app.inject({ method: 'GET', url: `/api/requests/${ref}?mobile=9876543210` })).json() as { receipt: { state: string; reason?: string } }).receipt;
  await until(async () => (await get(r1.reference)).state === 'waiting');
  t.same(await get(r1.reference), { state: 'waiting', reason: 'cover-open' });
  await app.inject({ method: 'POST', url: '/api/sim/printer', payload: { cover: 'closed', online: false } });
  await until(async () => (await get(r1.reference)).reason === 'offline');
  const r2 = (await app.inject({ method: 'POST', url: '/api/requests', payload: complaint })).json() as { reference: string };
  t.equal(virtual.jobs.length, 0);
  await app.inject({ method: 'POST', url: '/api/sim/printer', payload: { online: true } });
  await until(async () => (await get(r2.reference)).state === 'printed');
  t.equal((await get(r1.reference)).state, 'printed');
  await new Promise((r) => setTimeout(r, 400));
  t.same(virtual.jobs.map((j) => j.items.find((i) => i.type === 'qr') && (j.items.find((i) => i.type === 'qr') as { data: string }).data), [r1.reference, r2.reference], 'each once, in order');
});

t.test('reprint, test page and input errors', async (t) => {
  const { app, virtual } = await kiosk(t);
  const reference = ((await app.inject({ method: 'POST', url: '/api/requests', payload: complaint })).json() as { reference: string }).reference;
  await until(() => virtual.jobs.length === 1);

  const wrong = await app.inject({ method: 'POST', url: `/api/requests/${reference}/reprint`, payload: { mobile: '9123456789' } });
  t.equal(wrong.statusCode, 404);
  t.match(wrong.json(), { statusCode: 404, code: 'not-found', field: 'reference', message: { en: String, hi: String } });
  const bad = await app.inject({ method: 'POST', url: '/api/requests/nonsense/reprint', payload: { mobile: '9876543210' } });
  t.match(bad.json(), { statusCode: 400, code: 'invalid-reference', field: 'reference' });
  const noBody = await app.inject({ method: 'POST', url: `/api/requests/${reference}/reprint`, payload: {} });
  t.match(noBody.json(), { statusCode: 400, code: 'invalid-body', field: 'mobile', message: { en: String, hi: String } });

  const ok = await app.inject({ method: 'POST', url: `/api/requests/${reference}/reprint`, payload: { mobile: '+91 98765 43210' } });
  t.equal(ok.statusCode, 202);
  await until(() => virtual.jobs.length === 2);
  t.ok(virtual.jobs[1]!.items.some((i) => i.type === 'text' && i.text.startsWith('REPRINT')));
  t.ok(virtual.jobs[1]!.items.some((i) => i.type === 'qr' && i.data === reference));

  const page = await app.inject({ method: 'POST', url: '/api/technician/printer/test-page' });
  t.equal(page.statusCode, 200, page.body);
  const testJob = virtual.jobs[2]!;
  t.ok(testJob.items.some((i) => i.type === 'barcode' && i.data === 'KE-DLS-SIM'));
  t.ok(testJob.items.some((i) => i.type === 'qr'));
  t.ok(testJob.items.some((i) => i.type === 'raster'));
  t.ok(testJob.items.some((i) => i.type === 'text' && i.text.includes('Version: 0.1.0')));

  await app.inject({ method: 'POST', url: '/api/sim/printer', payload: { paper: 'out' } });
  const refused = await app.inject({ method: 'POST', url: '/api/technician/printer/test-page' });
  t.equal(refused.statusCode, 409);
  t.match(refused.json(), { code: 'printer-not-ready', status: { state: 'paper-end' } });

  const badSim = await app.inject({ method: 'POST', url: '/api/sim/printer', payload: { paper: 'wet' } });
  t.equal(badSim.statusCode, 400);
  t.match(badSim.json(), { statusCode: 400, code: 'invalid-body', field: 'paper', message: { en: String, hi: String } });
  const extra = await app.inject({ method: 'POST', url: '/api/sim/printer', payload: { ink: 'low' } });
  t.match(extra.json(), { statusCode: 400, field: 'ink' });
  const empty = await app.inject({ method: 'POST', url: '/api/sim/printer', payload: {} });
  t.equal(empty.statusCode, 400);
  const missing = await app.inject({ method: 'GET', url: '/api/sim/printer/jobs/nope.png' });
  t.equal(missing.statusCode, 404);
});

t.test('simulator routes exist only in simulator mode', async (t) => {
  const { printing } = await kiosk(t);
  const app = Fastify();
  await app.register(printerRoutes, { ...printing.routes.options, simulator: false });
  t.teardown(() => app.close());
  t.equal((await app.inject({ method: 'GET', url: '/api/sim/printer/jobs' })).statusCode, 404);
  t.equal((await app.inject({ method: 'POST', url: '/api/sim/printer', payload: { paper: 'out' } })).statusCode, 404);
  t.not((await app.inject({ method: 'POST', url: '/api/technician/printer/test-page' })).statusCode, 404);
});

// Issue 9 in simulator mode, through the HTTP API: the virtual printer's
// profile and fault switches on POST /api/sim/printer, copies marked in
// GET /api/sim/printer/jobs, the confirmation method and copies on
// GET /api/technician/printer. The kiosk is composed as kiosk.ts composes it.
import t, { type Test } from 'tap';
import { pino } from 'pino';
import { buildApp } from '../../../controller/app.js';
import type { KioskContext } from '../../../controller/context.js';
import { EventBus } from '../../../controller/events/bus.js';
import { HealthRegistry } from '../../../controller/health/registry.js';
import { startPrinting } from '../../../controller/receipts/index.js';
import { buildCatalogue } from '../../../controller/services/catalogue.js';
import { RequestStore } from '../../../controller/store/request-store.js';
import { loadTestConfig, tempDir } from '../../helpers/config.js';
import { until } from '../../helpers/until.js';

const complaint = { service: 'billing-complaint', mobile: '9876543210', account: '1234567890', fields: { type: 'wrong-reading' } };


async function kiosk(t: Test) {
  const dataDir = tempDir('ecorner-printer-sim-');
  const { config, network } = loadTestConfig(dataDir, (c) => {
    c.devices.printer.statusPollMs = 200;
    c.devices.printer.statusTimeoutMs = 200;
    c.devices.printer.confirmTimeoutMs = 400;
  });
  const bus = new EventBus();
  const ctx: KioskContext = { config, network, log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), bus, health: new HealthRegistry(bus), version: '0.1.0', simulator: true, now: () => new Date() };
  const store = await RequestStore.open({ dataDir, kioskId: config.kiosk.id, siteCode: config.kiosk.siteCode, now: ctx.now });
  const catalogue = buildCatalogue(network);
  const printing = await startPrinting(ctx, { store, catalogue });
  t.teardown(() => printing.stop());
  const app = await buildApp(ctx, { store, catalogue, routes: [printing.routes] });
  t.teardown(() => app.close());
  await until(() => ctx.health.get('printer')?.state === 'ready');
  return { app, ctx, virtual: printing.setup.virtual!, printing };
}

type Receipt = { state: string; copies?: number };
type SimJob = { reference: string | null; copy: boolean; reprint: boolean; cut: boolean };

t.test('profile "generic", then three submissions: three jobs, each receipt sent within seconds', async (t) => {
  const { app, virtual } = await kiosk(t);
  const switched = await app.inject({ method: 'POST', url: '/api/sim/printer', payload: { profile: 'generic' } });
  t.equal(switched.statusCode, 200, switched.body);
  t.match(switched.json(), { profile: 'generic', faults: { dropLinkAfterBytes: 0, replyDelayMs: 0 } });

  const started = Date.now();
  const refs: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/requests', payload: complaint });
    t.equal(res.statusCode, 201);
    refs.push(res.json().reference as string);
  }
  const receipt = async (ref: string) => ((await app.inject({ method: 'GET', url: `/api/requests/${ref}?mobile=9876543210` })).json() as { receipt: Receipt }).receipt;
  for (const ref of refs) await until(async () => ['printed', 'sent'].includes((await receipt(ref)).state), 10_000);
  t.ok(Date.now() - started < 10_000, `all three done in ${Date.now() - started} ms`);
  for (const ref of refs) t.match(await receipt(ref), { state: 'sent' }, 'a printer without GS r: sent, not printed');

  const jobs = (await app.inject({ method: 'GET', url: '/api/sim/printer/jobs' })).json() as { profile: string; jobs: SimJob[]; strayRealtime: number };
  t.equal(jobs.profile, 'generic');
  t.same(jobs.jobs.map((j) => [j.reference, j.copy, j.cut]), refs.map((r) => [r, false, true]), 'three jobs, one each, none a copy');
  t.equal(virtual.jobs.length, 3);

  const tech = (await app.inject({ method: 'GET', url: '/api/technician/printer' })).json() as Record<string, unknown>;
  t.match(tech, { confirmation: { configured: 'auto', method: 'status' }, health: { level: 'ok', state: 'ready' }, queue: { depth: 0, copiesSinceStart: 0, saveFault: null } });
});

t.test('link dropped mid-job through the route: the receipt is printed once more as a marked copy, and counted', async (t) => {
  const { app } = await kiosk(t);
  const set = await app.inject({ method: 'POST', url: '/api/sim/printer', payload: { dropLinkAfterBytes: 9000 } });
  t.equal(set.statusCode, 200, set.body);
  const ref = (await app.inject({ method: 'POST', url: '/api/requests', payload: complaint })).json().reference as string;
  const receipt = async () => ((await app.inject({ method: 'GET', url: `/api/requests/${ref}?mobile=9876543210` })).json() as { receipt: Receipt }).receipt;
  await until(async () => (await receipt()).state === 'printed');
  t.match(await receipt(), { state: 'printed', copies: 1 });
  const jobs = ((await app.inject({ method: 'GET', url: '/api/sim/printer/jobs' })).json() as { jobs: SimJob[] }).jobs;
  t.same(jobs.map((j) => [j.copy, j.cut]), [[false, false], [true, true]], 'the torn original, then a whole marked copy');
  const tech = (await app.inject({ method: 'GET', url: '/api/technician/printer' })).json() as Record<string, unknown>;
  t.match(tech, { confirmation: { method: 'gs-r' }, queue: { copiesSinceStart: 1 } });
});

t.test('bad switch values: 400 with the field, nothing changed', async (t) => {
  const { app, virtual } = await kiosk(t);
  const bad = await app.inject({ method: 'POST', url: '/api/sim/printer', payload: { profile: 'hp-laserjet' } });
  t.match(bad.json(), { statusCode: 400, code: 'invalid-body', field: 'profile', message: { en: String, hi: String } });
  const negative = await app.inject({ method: 'POST', url: '/api/sim/printer', payload: { replyDelayMs: -1 } });
  t.match(negative.json(), { statusCode: 400, field: 'replyDelayMs' });
  t.equal(virtual.profile, 'epson');
  t.same(virtual.faultSwitches, { dropLinkAfterBytes: 0, replyDelayMs: 0 });
});

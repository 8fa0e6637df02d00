// Starts the technician listener with everything the page needs. kiosk.ts
// calls startTechnician() after the devices and the central link run.
import path from 'node:path';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { KioskContext } from '../context.js';
import type { CentralLink } from '../central-link/index.js';
import type { HealthLoop } from '../health/loop.js';
import type { KioskMetrics } from '../metrics/kiosk-metrics.js';
import type { UiLiveness } from '../ui-liveness.js';
import type { Printer } from '../../drivers/printer/types.js';
import { loadOrCreateCert } from './cert.js';
import { checkTechnicianConfig, technicianPin } from './config-check.js';
import { KioskHistory } from './history.js';
import { JobTap } from './job-tap.js';
import type { LogRing } from './log-ring.js';
import type { SelfTestName, TechnicianRecords } from './records.js';
import { technicianRoutes } from './routes.js';
import { ScanTest } from './scan-test.js';
import { buildTechnicianApp } from './server.js';

export { consumerRefusesTechnicianRoutes } from './server.js';

export interface TechnicianDeps {
  file: string;
  printer: Printer;
  jobs: JobTap;
  link: CentralLink;
  records: TechnicianRecords;
  ui: UiLiveness;
  loop: HealthLoop;
  metrics: KioskMetrics;
  backlog: () => { depth: number; oldestAgeSeconds: number | null };
  logs: LogRing | null;
  /** route plugins shared with the consumer app (printer test page, LEDs, maintenance, simulator switches) */
  routes: Array<{ plugin: FastifyPluginAsync<never>; options?: unknown }>;
  port?: number;
  startedAt: Date;
}

export interface RunningTechnician {
  app: FastifyInstance;
  /** null when the listener could not bind (port taken): consumers are still served, health says why */
  url: string | null;
  fingerprint: string | null;
  simulatorPin: string | null;
  scanTest: ScanTest;
  history: KioskHistory;
  stop(): Promise<void>;
}

const SELF_TEST_ROUTES: Record<string, SelfTestName> = {
  '/api/technician/printer/test-page': 'printer-test-page',
  '/api/technician/leds/cycle': 'leds-cycle',
};

function selfTestOutcome(name: SelfTestName, status: number, body: unknown): { ok: boolean; detail: string } {
  const b = (body ?? {}) as { printed?: boolean; outcome?: string; code?: string; detail?: string; error?: string | null; status?: { state?: string } };
  if (name === 'printer-test-page') {
    if (status === 200 && b.printed === true) return { ok: true, detail: 'test page printed; the printer confirmed it' };
    // A write-only printer: delivered, but nothing proves it printed — not a pass.
    if (status === 200 && b.outcome === 'sent') return { ok: false, detail: 'test page sent; this printer cannot confirm printing: look at the paper' };
    return { ok: false, detail: `HTTP ${status} ${b.code ?? ''} ${b.detail ?? b.status?.state ?? ''}`.trim() };
  }
  return status === 200 && !b.error ? { ok: true, detail: 'each LED lit in turn; every write succeeded' } : { ok: false, detail: `HTTP ${status} ${b.error ?? b.code ?? ''}`.trim() };
}

export async function startTechnician(ctx: KioskContext, d: TechnicianDeps): Promise<RunningTechnician> {
  checkTechnicianConfig(ctx.config, d.file, ctx.simulator);
  const pin = await technicianPin(ctx.config, ctx.simulator);
  const cert = ctx.simulator ? null : await loadOrCreateCert(path.resolve(ctx.config.dataDir), ctx.config.kiosk.id, ctx.now);
  if (cert?.created) ctx.log.info({ event: 'technician-cert-created', fingerprint: cert.fingerprint }, 'technician TLS certificate created');
  const history = new KioskHistory(ctx.bus, ctx.health);
  history.start();
  const record = async (r: Parameters<TechnicianRecords['addSelfTest']>[0]) => {
    try {
      await d.records.addSelfTest(r);
      ctx.log.info({ event: 'self-test-recorded', name: r.name, ok: r.ok, by: r.by }, 'self-test recorded');
      d.link.heartbeat.soon();
    } catch (err) {
      ctx.log.error({ event: 'self-test-record-failed', name: r.name, err }, 'self-test could not be stored');
    }
  };
  const scanTest = new ScanTest(ctx.bus, ctx.now, record);
  const app = await buildTechnicianApp({
    ctx,
    pinHash: pin.hash,
    cert,
    metricsText: () => d.metrics.registry.metrics(),
    metricsContentType: d.metrics.registry.contentType,
    routes: [
      ...d.routes,
      { plugin: technicianRoutes, options: { ctx, startedAt: d.startedAt, fingerprint: cert?.fingerprint ?? null, printer: d.printer, jobs: d.jobs, history, logs: d.logs, records: d.records, scanTest, link: d.link, backlog: d.backlog, ui: d.ui, loop: d.loop } },
    ],
    onTechnicianResponse: (url, status, body, who) => {
      const name = SELF_TEST_ROUTES[url];
      if (!name) return;
      void record({ name, ...selfTestOutcome(name, status, body), at: ctx.now().toISOString(), by: who });
    },
  });
  let url: string | null = null;
  const wanted = { host: ctx.config.technician.host, port: d.port ?? ctx.config.technician.port };
  try {
    await app.listen(wanted);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : wanted.port;
    const host = wanted.host === '0.0.0.0' || wanted.host === '::' ? '127.0.0.1' : wanted.host;
    url = `${cert ? 'https' : 'http'}://${host}:${port}`;
    if (pin.simulatorPin) ctx.log.info({ event: 'technician-simulator-pin', pin: pin.simulatorPin, url: `${url}/technician` }, `simulator mode: technician PIN is ${pin.simulatorPin}`);
    ctx.log.info({ event: 'technician-listening', url, fingerprint: cert?.fingerprint ?? null }, 'technician listener up');
    ctx.health.set('technician', { level: 'ok', state: 'listening', detail: url });
  } catch (err) {
    // A taken port must not stop the kiosk serving consumers (nor cause a restart loop): shown, not fatal.
    const detail = `cannot listen on ${wanted.host}:${wanted.port}: ${(err as Error).message}`;
    ctx.log.error({ event: 'technician-listen-failed', detail }, 'technician listener not started');
    ctx.health.set('technician', { level: 'warning', state: 'listen-failed', detail });
  }
  return {
    app,
    url,
    fingerprint: cert?.fingerprint ?? null,
    simulatorPin: pin.simulatorPin,
    scanTest,
    history,
    async stop() {
      scanTest.stop();
      history.stop();
      await app.close();
    },
  };
}

// The technician's API on the technician listener (all behind the login):
//   GET  /api/technician/state                everything the page shows, in one read
//   GET  /api/technician/receipts/:job.png    a recent print job, rendered from its bytes
//   POST /api/technician/self-tests/scan      start "scan this test code"
//   POST /api/technician/ui/restart           restart the touchscreen browser (rate-limited)
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { KioskContext } from '../context.js';
import type { Printer } from '../../drivers/printer/types.js';
import type { CentralLink } from '../central-link/index.js';
import type { UiLiveness } from '../ui-liveness.js';
import type { HealthLoop } from '../health/loop.js';
import { hintFor } from './hints.js';
import type { KioskHistory } from './history.js';
import type { JobTap } from './job-tap.js';
import type { LogRing } from './log-ring.js';
import type { TechnicianRecords } from './records.js';
import { redactConfig } from './redact.js';
import type { ScanTest } from './scan-test.js';

export interface TechnicianRoutesOptions {
  ctx: KioskContext;
  startedAt: Date;
  fingerprint: string | null;
  printer: Printer;
  jobs: JobTap;
  history: KioskHistory;
  logs: LogRing | null;
  records: TechnicianRecords;
  scanTest: ScanTest;
  link: CentralLink;
  backlog: () => { depth: number; oldestAgeSeconds: number | null };
  ui: UiLiveness;
  loop: HealthLoop;
}

export const technicianRoutes: FastifyPluginAsync<TechnicianRoutesOptions> = async (app, o) => {
  const { ctx } = o;
  app.get('/api/technician/state', async () => {
    const snap = ctx.health.snapshot();
    const parts = Object.fromEntries(Object.entries(snap.parts).map(([name, h]) => [name, { ...h, hint: hintFor(name, h.state, h.level) }]));
    const hb = o.link.heartbeat;
    const reply = hb.lastReply as (typeof hb.lastReply & { clockSkewSeconds?: number }) | null;
    const printer = o.printer as Printer & { portName?: string };
    return {
      kiosk: ctx.config.kiosk.id,
      site: ctx.config.kiosk.name,
      version: ctx.version,
      mode: ctx.simulator ? 'simulator' : 'hardware',
      startedAt: o.startedAt.toISOString(),
      uptimeSeconds: Math.round(process.uptime()),
      now: ctx.now().toISOString(),
      fingerprint: o.fingerprint,
      health: { level: snap.level, parts },
      history: o.history.transitions(),
      printer: {
        status: printer.status,
        raw: printer.raw,
        // configured (gs-r / status / none / auto) and the method in use once probed
        confirmation: printer.confirmation,
        port: printer.portName ?? null,
      },
      receipts: o.jobs.list().map((j) => ({ ...j, png: `/api/technician/receipts/${encodeURIComponent(j.jobId)}.png` })),
      scans: o.history.scans(),
      outbox: { ...o.backlog(), failures: o.link.outbox.failures },
      heartbeat: {
        lastDeliveredAt: hb.lastDeliveredAt?.toISOString() ?? null,
        failedSince: hb.failedSince,
        failuresTotal: hb.failuresTotal,
        centralState: reply?.state ?? null,
        clockSkewSeconds: typeof reply?.clockSkewSeconds === 'number' ? reply.clockSkewSeconds : null,
      },
      ui: { lastSeenAt: o.ui.lastSeenAt()?.toISOString() ?? null, livenessTimeoutSeconds: ctx.config.ui.livenessTimeoutSeconds, restartConfigured: Boolean(ctx.config.ui.restartCommand) },
      eventLoopLagMs: o.loop.lagMs,
      selfTests: { latest: o.records.latestSelfTests(), recent: [...o.records.selfTests()].slice(-20).reverse(), scanTest: o.scanTest.current },
      maintenance: { until: o.records.maintenanceUntil()?.toISOString() ?? null, active: (o.records.maintenanceUntil()?.getTime() ?? 0) > ctx.now().getTime() },
      logs: o.logs?.recent(100) ?? [],
      config: redactConfig(ctx.config),
    };
  });

  app.get<{ Params: { job: string } }>('/api/technician/receipts/:job.png', { schema: { params: Type.Object({ job: Type.String({ pattern: '^[0-9A-Za-z._:-]{1,80}$' }) }) } }, async (req, reply) => {
    const png = o.jobs.png(req.params.job, o.printer.paperWidthDots);
    if (!png) return reply.code(404).send({ statusCode: 404, code: 'no-such-job', field: 'job', message: { en: 'No recent print job with this id.', hi: 'इस आईडी का कोई हालिया प्रिंट कार्य नहीं।' } });
    return reply.type('image/png').header('cache-control', 'no-store').send(png);
  });

  app.post('/api/technician/self-tests/scan', async (req) => o.scanTest.start(req.technician?.who ?? 'technician'));

  app.post('/api/technician/ui/restart', async (_req, reply) => {
    const result = await o.ui.restart('technician asked');
    if (result.ok) return { restarted: true };
    const code = result.reason === 'rate-limited' ? 429 : result.reason === 'not-configured' ? 409 : 502;
    const message = {
      'rate-limited': { en: 'The browser was restarted less than 5 minutes ago.', hi: 'ब्राउज़र 5 मिनट से कम समय पहले फिर से चालू किया गया था।' },
      'not-configured': { en: 'No restart command is configured (ui.restartCommand).', hi: 'कोई रीस्टार्ट कमांड सेट नहीं है (ui.restartCommand)।' },
      failed: { en: 'The restart command failed.', hi: 'रीस्टार्ट कमांड विफल रहा।' },
    }[result.reason];
    return reply.code(code).send({ statusCode: code, code: result.reason, field: 'ui', message, ...(result.detail ? { detail: result.detail } : {}) });
  });
};

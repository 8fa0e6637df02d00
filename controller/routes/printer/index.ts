// Printer routes. Thin: the work is in the print queue and the driver.
//   POST /api/requests/:reference/reprint          {mobile}: queue a reprint (same lookup rule as GET)
//   GET  /api/technician/printer                   status, confirmation method, queue and marked copies
//   POST /api/technician/printer/test-page         print the test page now
//   POST /api/sim/printer                           simulator only: paper / cover / online, profile, fault switches
//   GET  /api/sim/printer/jobs, /jobs/:id.png       simulator only: what the virtual printer printed
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { encodeDocument } from '../../../drivers/printer/escpos.js';
import type { Printer } from '../../../drivers/printer/types.js';
import { printerHealth } from '../../../drivers/printer/status.js';
import { describeJob, type VirtualPrinter } from '../../../drivers/printer/virtual.js';
import { apiError, formErrors, schemaErrorField } from '../../http-errors.js';
import type { PrintQueue } from '../../receipts/print-queue.js';
import { buildTestPage } from '../../receipts/test-page.js';
import type { Bilingual } from '../../services/types.js';
import { normaliseMobile } from '../../services/validation.js';
import { referencePattern } from '../../store/reference.js';
import type { StoredRequest } from '../../store/types.js';

export interface PrinterRoutesOptions {
  queue: Pick<PrintQueue, 'reprint' | 'summary'>;
  /** the request store's consumer lookup: reference and mobile must match */
  findForConsumer: (reference: string, mobile: string) => StoredRequest | undefined;
  printer: Printer & { portName?: string };
  testPage: { kioskId: string; version: string; site: Bilingual; paperWidthMm: 58 | 80 };
  now: () => Date;
  /** the in-process virtual printer; the sim routes exist only when this is set and simulator is true */
  virtual?: VirtualPrinter | null;
  simulator: boolean;
}

const ERRORS = {
  'invalid-body': { en: 'The request body is not valid for this endpoint.', hi: 'इस पते के लिए भेजी गई जानकारी सही नहीं है।' },
  'printer-not-ready': { en: 'The printer cannot print now.', hi: 'प्रिंटर अभी प्रिंट नहीं कर सकता।' },
  'printer-unconfirmed': { en: 'The page was sent but the printer did not confirm printing it.', hi: 'पृष्ठ भेजा गया पर प्रिंटर ने छपाई की पुष्टि नहीं की।' },
  'no-such-job': { en: 'The virtual printer has no job with this id.', hi: 'वर्चुअल प्रिंटर में इस आईडी का कोई कार्य नहीं है।' },
} as const;

function printerError(statusCode: number, code: keyof typeof ERRORS, field: string, detail?: string) {
  return { statusCode, code, field, message: ERRORS[code], ...(detail ? { detail } : {}) };
}

const SimPrinterBody = Type.Object({
  paper: Type.Optional(Type.Union([Type.Literal('out'), Type.Literal('ok'), Type.Literal('near-end')])),
  cover: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  online: Type.Optional(Type.Boolean()),
  profile: Type.Optional(Type.Union([Type.Literal('epson'), Type.Literal('generic'), Type.Literal('write-only')])),
  /** closes the connection once, after this many more bytes; 0 = off */
  dropLinkAfterBytes: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  replyDelayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })),
}, { additionalProperties: false, minProperties: 1 });

export const printerRoutes: FastifyPluginAsync<PrinterRoutesOptions> = async (instance, options) => {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  // Encapsulated: covers only these routes (schema errors in the common shape).
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      request.log.error({ err }, 'printer route failed');
      return reply.code(500).send(apiError(500, 'internal-error'));
    }
    return reply.code(status).send(printerError(status, 'invalid-body', schemaErrorField(err), err.message));
  });

  app.post('/api/requests/:reference/reprint', {
    schema: {
      params: Type.Object({ reference: Type.String({ maxLength: 40 }) }),
      body: Type.Object({ mobile: Type.String({ maxLength: 32 }) }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    const reference = req.params.reference.toUpperCase();
    if (!referencePattern.test(reference)) return reply.code(400).send(apiError(400, 'invalid-reference', 'reference'));
    const mobile = normaliseMobile(req.body.mobile);
    if (!mobile.ok) return reply.code(400).send(formErrors(mobile.errors));
    // Same answer for unknown reference and wrong mobile: no enumeration, no printing others' receipts.
    if (!options.findForConsumer(reference, mobile.value)) return reply.code(404).send(apiError(404, 'not-found', 'reference'));
    const queued = await options.queue.reprint(reference);
    if (!queued.ok) return reply.code(404).send(apiError(404, 'not-found', 'reference'));
    req.log.info({ event: 'receipt-reprint-requested', reference }, 'reprint requested');
    return reply.code(202).send({ reference, jobId: queued.jobId, printer: options.printer.status });
  });

  app.get('/api/technician/printer', async () => ({
    status: options.printer.status,
    health: printerHealth(options.printer.status),
    raw: options.printer.raw,
    port: options.printer.portName ?? 'printer',
    confirmation: options.printer.confirmation,
    queue: options.queue.summary(),
  }));

  app.post('/api/technician/printer/test-page', async (req, reply) => {
    const doc = buildTestPage({ ...options.testPage, status: await options.printer.refreshStatus(), raw: options.printer.raw, port: options.printer.portName ?? 'printer', now: options.now() });
    const result = await options.printer.print(encodeDocument(doc, { paperWidthMm: options.testPage.paperWidthMm }), `test-page-${options.now().getTime()}`);
    // printed: confirmed by GS r; sent: the printer cannot confirm more than delivery.
    if (result.ok) return { printed: result.value === 'printed', outcome: result.value, status: options.printer.status };
    const f = result.error;
    req.log.warn({ event: 'printer-test-page-failed', failure: f }, 'test page not printed');
    if (f.kind === 'not-ready') return reply.code(409).send({ ...printerError(409, 'printer-not-ready', 'printer', f.status.state), status: f.status });
    return reply.code(504).send({ ...printerError(504, 'printer-unconfirmed', 'printer', f.kind === 'write-failed' ? f.message : f.status.state), status: f.status });
  });

  const virtual = options.virtual;
  if (!options.simulator || !virtual) return;

  app.post('/api/sim/printer', { schema: { body: SimPrinterBody } }, async (req) => {
    const { profile, dropLinkAfterBytes, replyDelayMs, ...condition } = req.body;
    const switches = virtual.configure({
      ...(profile ? { profile } : {}),
      ...(dropLinkAfterBytes !== undefined ? { dropLinkAfterBytes } : {}),
      ...(replyDelayMs !== undefined ? { replyDelayMs } : {}),
    });
    const now = Object.keys(condition).length ? virtual.setCondition(condition) : virtual.condition;
    // Ask at once, so health and waiting receipts follow without waiting for the poll.
    const status = await options.printer.refreshStatus();
    return { condition: now, ...switches, status, confirmation: options.printer.confirmation };
  });

  app.get('/api/sim/printer/jobs', async () => ({
    condition: virtual.condition,
    profile: virtual.profile,
    faults: virtual.faultSwitches,
    strayRealtime: virtual.strayRealtime.length,
    jobs: virtual.jobs.map((j) => ({ ...describeJob(j), png: `/api/sim/printer/jobs/${j.id}.png` })),
  }));

  app.get('/api/sim/printer/jobs/:id.png', { schema: { params: Type.Object({ id: Type.String({ pattern: '^[0-9A-Za-z-]{1,64}$' }) }) } }, async (req, reply) => {
    const job = virtual.job(req.params.id);
    if (!job) return reply.code(404).send(printerError(404, 'no-such-job', 'id'));
    return reply.type('image/png').header('cache-control', 'no-store').send(job.png);
  });
};

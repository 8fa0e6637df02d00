// POST /api/sim/scan {"data":"…"} — simulator only: types a code into the
// virtual scanner's pty (plus the suffix), so the real serial driver, parser
// and SSE path all run. Register it only when the kiosk runs in simulator mode.
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { ScanInjector } from '../../../drivers/scanner/types.js';
import { apiError, schemaErrorField } from '../../http-errors.js';

export const SimScanBody = Type.Object({
  data: Type.String({ minLength: 1, maxLength: 4096, description: 'the code as the scanner would read it, without the suffix' }),
}, { additionalProperties: false });
export type SimScanBody = Static<typeof SimScanBody>;

export interface SimScannerRoutesOptions {
  scanner: ScanInjector;
}

interface SimError {
  statusCode: number;
  code: string;
  field: string;
  message: { en: string; hi: string };
  detail?: string;
}

const ERRORS = {
  'invalid-body': { en: 'Send {"data":"<the code>"} with data a non-empty string.', hi: '{"data":"<कोड>"} भेजें; data खाली नहीं होना चाहिए।' },
  'unknown-field': { en: 'Only the field "data" is accepted.', hi: 'केवल "data" फ़ील्ड स्वीकार है।' },
  'data-has-terminator': { en: 'The code must not contain CR, LF or TAB: the scanner suffix is added for you.', hi: 'कोड में CR, LF या TAB नहीं होना चाहिए: स्कैनर का अंत-चिह्न अपने आप जोड़ा जाता है।' },
  'scanner-unavailable': { en: 'The virtual scanner is not running; try again in a moment.', hi: 'वर्चुअल स्कैनर अभी चालू नहीं है; थोड़ी देर में फिर प्रयास करें।' },
} as const;

function simError(statusCode: number, code: keyof typeof ERRORS, field: string, detail?: string): SimError {
  return { statusCode, code, field, message: ERRORS[code], ...(detail ? { detail } : {}) };
}

export const simScannerRoutes: FastifyPluginAsync<SimScannerRoutesOptions> = async (instance, options) => {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  // Encapsulated: this handler only covers the simulator routes (bad JSON, schema errors).
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      request.log.error({ event: 'sim-scan-failed', err }, 'sim scan failed');
      return reply.code(500).send(apiError(500, 'internal-error'));
    }
    const code = err.validation?.[0]?.keyword === 'additionalProperties' ? 'unknown-field' : 'invalid-body';
    return reply.code(status).send(simError(status, code, schemaErrorField(err), err.message));
  });

  app.post('/api/sim/scan', { schema: { body: SimScanBody } }, async (request, reply) => {
    const { data } = request.body;
    // A terminator inside would split one "scan" into several; refuse rather than guess.
    if (/[\r\n\t]/.test(data)) return reply.code(400).send(simError(400, 'data-has-terminator', 'data'));
    try {
      await options.scanner.inject(data);
    } catch (err) {
      request.log.warn({ event: 'sim-scan-unavailable', err: err instanceof Error ? err.message : String(err) }, 'virtual scanner unavailable');
      return reply.code(503).send(simError(503, 'scanner-unavailable', 'data', err instanceof Error ? err.message : String(err)));
    }
    return reply.code(202).send({ accepted: true, bytes: Buffer.byteLength(data, 'utf8') + Buffer.byteLength(options.scanner.suffix, 'latin1') });
  });
};

// pino with mobile numbers masked at the source: the `mobile` key is redacted
// by a censor, and any string message is scrubbed of anything that looks
// like a mobile number.
import { pino, type Logger, type LoggerOptions } from 'pino';
import { maskMobile, maskMobilesInText } from './mask.js';

export type { Logger };

/**
 * Fastify's own lines (request in/out, listening) carry no event id: give
 * them one from the catalogue, so every line the kiosk writes has an id.
 */
export function withFrameworkEvent(args: unknown[]): unknown[] {
  const [first] = args;
  if (first && typeof first === 'object' && !(first instanceof Error)) {
    if ('event' in first) return args;
    if ('res' in first) return [{ event: 'http-response', ...first }, ...args.slice(1)];
    if ('req' in first) return [{ event: 'http-request', ...first }, ...args.slice(1)];
    return args;
  }
  if (typeof first === 'string' && first.startsWith('Server listening at ')) return [{ event: 'http-listening' }, ...args];
  return args;
}

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const opts: LoggerOptions = {
    level: options.level ?? process.env.ECORNER_LOG_LEVEL ?? 'info',
    redact: {
      paths: ['mobile', '*.mobile', '*.*.mobile', 'body.mobile', 'req.body.mobile'],
      censor: (value) => (typeof value === 'string' ? maskMobile(value) : '[redacted]'),
    },
    serializers: {
      // Request URLs carry ?mobile= on status look-ups.
      req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({ method: req.method, url: maskMobilesInText(req.url ?? ''), remoteAddress: req.remoteAddress }),
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = withFrameworkEvent(args.map((a) => (typeof a === 'string' ? maskMobilesInText(a) : a)));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

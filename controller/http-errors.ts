// One error shape for every 4xx/5xx the kiosk API sends:
// { statusCode, code, field, message: { en, hi } } (+ errors for forms).
import type { FastifyError, FastifyInstance } from 'fastify';
import { fieldError, messages, type ErrorCode, type FieldError } from './services/errors.js';

export interface ApiError {
  statusCode: number;
  code: string;
  field?: string;
  message: { en: string; hi: string };
  errors?: FieldError[];
}

export function apiError(statusCode: number, code: ErrorCode, field?: string): ApiError {
  return { statusCode, code, ...(field ? { field } : {}), message: messages[code] };
}

export function formErrors(errors: FieldError[]): ApiError {
  const first = errors[0] ?? fieldError('invalid-request', '(body)');
  return { statusCode: 400, code: first.code, field: first.field, message: first.message, errors };
}

/** Turns Fastify's schema errors into the field the consumer got wrong (route plugins with their own error codes use it too). */
export function schemaErrorField(err: FastifyError): string {
  const v = err.validation?.[0];
  if (!v) return '(body)';
  const base = v.instancePath.split('/').filter(Boolean).join('.');
  const params = v.params as Record<string, unknown>;
  const extra = (params.additionalProperty ?? params.missingProperty) as string | undefined;
  const field = [base, extra].filter(Boolean).join('.');
  return field || '(body)';
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err.validation) {
      const field = schemaErrorField(err);
      const keyword = err.validation[0]?.keyword;
      const code: ErrorCode = keyword === 'additionalProperties' ? 'unknown-field' : keyword === 'required' ? 'missing-field' : 'invalid-request';
      request.log.info({ event: 'http-schema-refused', field, code, detail: err.message }, 'request refused by schema');
      return reply.code(400).send({ ...apiError(400, code, field), detail: err.message });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(apiError(413, 'body-too-large'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      request.log.info({ event: 'http-bad-request', code: err.code, detail: err.message }, 'bad request');
      return reply.code(err.statusCode).send({ ...apiError(err.statusCode, 'invalid-request'), detail: err.message });
    }
    request.log.error({ event: 'http-request-failed', err }, 'request failed');
    return reply.code(500).send(apiError(500, 'internal-error'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ statusCode: 404, code: 'no-such-endpoint', message: { en: `No such endpoint: ${request.method} ${request.url.split('?')[0]}`, hi: 'यह पता उपलब्ध नहीं है।' } });
  });
}

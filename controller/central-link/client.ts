// Signed HTTP client for central. Every reply is checked against the shared
// protocol schema: a reply that does not match is an error with a precise
// message, never data. Errors are values (Result), not exceptions.
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { BillReply, LegacyAccountReply, Payment, type PaymentCreate } from '../../central/protocol/bills.js';
import { registerFormats } from '../../central/protocol/formats.js';
import { HeartbeatReply, type HeartbeatPayload } from '../../central/protocol/heartbeat.js';
import { RequestAccepted, RequestLookupReply, RequestStatusReply, RequestUpdatesReply, type RequestIntake, type RequestLookup } from '../../central/protocol/requests.js';
import { newNonce, signRequest } from '../../central/protocol/signing.js';

registerFormats();

export type CentralError =
  | { kind: 'network'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'aborted'; message: string }
  | { kind: 'http'; status: number; code: string; message: string }
  | { kind: 'bad-reply'; status: number; message: string };

export type CentralResult<T> = { ok: true; status: number; value: T } | { ok: false; error: CentralError };

/**
 * Worth retrying later with the same request: central unreachable, slow,
 * overloaded, or refusing our credentials (clock skew after a power cut is
 * fixed by NTP; a wrong secret needs a technician, and retrying costs nothing).
 * Anything else is central refusing this particular request.
 */
export function isRetryable(e: CentralError): boolean {
  if (e.kind === 'http') return e.status >= 500 || e.status === 401 || e.status === 408 || e.status === 429;
  return true;
}

export function describeError(e: CentralError): string {
  switch (e.kind) {
    case 'http':
      return `central answered ${e.status} ${e.code}: ${e.message}`;
    case 'bad-reply':
      return `central's reply (${e.status}) is malformed: ${e.message}`;
    default:
      return `${e.kind}: ${e.message}`;
  }
}

export interface CentralClientOptions {
  baseUrl: string;
  kioskId: string;
  secret: string;
  timeoutMs: number;
  now?: () => Date;
  fetch?: typeof fetch;
}

const compiled = new Map<TSchema, TypeCheck<TSchema>>();
function checker<S extends TSchema>(schema: S): TypeCheck<S> {
  let c = compiled.get(schema);
  if (!c) {
    c = TypeCompiler.Compile(schema);
    compiled.set(schema, c);
  }
  return c as TypeCheck<S>;
}

const MAX_REPLY_BYTES = 1024 * 1024;

export class CentralClient {
  private readonly base: URL;
  private readonly now: () => Date;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly o: CentralClientOptions) {
    this.base = new URL(o.baseUrl.endsWith('/') ? o.baseUrl : `${o.baseUrl}/`);
    this.now = o.now ?? (() => new Date());
    this.fetchImpl = o.fetch ?? fetch;
  }

  sendHeartbeat(payload: HeartbeatPayload, signal?: AbortSignal): Promise<CentralResult<HeartbeatReply>> {
    return this.call('POST', 'api/v1/heartbeats', payload, HeartbeatReply, signal);
  }

  submitRequest(body: RequestIntake, signal?: AbortSignal): Promise<CentralResult<RequestAccepted>> {
    return this.call('POST', 'api/v1/requests', body, RequestAccepted, signal);
  }

  requestStatus(reference: string, signal?: AbortSignal): Promise<CentralResult<RequestStatusReply>> {
    return this.call('GET', `api/v1/requests/${encodeURIComponent(reference)}`, undefined, RequestStatusReply, signal);
  }

  /** A request made at any kiosk, found by reference and the consumer's mobile (sent in the body, never in a URL). */
  lookupRequest(body: RequestLookup, signal?: AbortSignal): Promise<CentralResult<RequestLookupReply>> {
    return this.call('POST', 'api/v1/lookups', body, RequestLookupReply, signal);
  }

  requestUpdates(after: number, limit = 200, signal?: AbortSignal): Promise<CentralResult<RequestUpdatesReply>> {
    return this.call('GET', `api/v1/request-updates?after=${after}&limit=${limit}`, undefined, RequestUpdatesReply, signal);
  }

  /** The 10-digit connection number that replaced an old 8-digit one. */
  legacyAccount(legacy: string, signal?: AbortSignal): Promise<CentralResult<LegacyAccountReply>> {
    return this.call('GET', `api/v1/legacy-accounts/${encodeURIComponent(legacy)}`, undefined, LegacyAccountReply, signal);
  }

  getBills(account: string, signal?: AbortSignal): Promise<CentralResult<BillReply>> {
    return this.call('GET', `api/v1/bills/${encodeURIComponent(account)}`, undefined, BillReply, signal);
  }

  /**
   * Opens (or, for the same reference and body, returns again) a pending
   * payment: a bill payment (`billId`, no `purpose`) or a prepaid recharge
   * (`purpose: 'prepaid-recharge'`, no bill). The reply's `purpose` and
   * `billId` (null for a recharge) are checked like every other field.
   */
  createPayment(body: PaymentCreate, signal?: AbortSignal): Promise<CentralResult<Payment>> {
    return this.call('POST', 'api/v1/payments', body, Payment, signal);
  }

  getPayment(paymentId: string, signal?: AbortSignal): Promise<CentralResult<Payment>> {
    return this.call('GET', `api/v1/payments/${encodeURIComponent(paymentId)}`, undefined, Payment, signal);
  }

  /**
   * Polls until central reports the payment confirmed, failed or expired, or
   * until `timeoutMs`/`signal` ends the wait. Paid is never assumed: a
   * timeout returns the last pending payment.
   */
  async waitForPayment(paymentId: string, opts: { intervalMs: number; timeoutMs: number; signal?: AbortSignal; sleep?: (ms: number, signal?: AbortSignal) => Promise<void> }): Promise<CentralResult<Payment>> {
    const sleep = opts.sleep ?? defaultSleep;
    const deadline = Date.now() + opts.timeoutMs;
    let last: CentralResult<Payment> = { ok: false, error: { kind: 'timeout', message: `no answer about ${paymentId} within ${opts.timeoutMs} ms` } };
    for (;;) {
      if (opts.signal?.aborted) return { ok: false, error: { kind: 'aborted', message: 'payment wait cancelled' } };
      const r = await this.getPayment(paymentId, opts.signal);
      if (r.ok) {
        last = r;
        if (r.value.status !== 'pending') return r;
      } else if (!isRetryable(r.error)) return r;
      else if (!last.ok) last = r;
      if (Date.now() + opts.intervalMs > deadline) return last;
      await sleep(opts.intervalMs, opts.signal);
    }
  }

  private async call<S extends TSchema>(method: 'GET' | 'POST', relPath: string, body: unknown, schema: S, signal?: AbortSignal): Promise<CentralResult<Static<S>>> {
    const url = new URL(relPath, this.base);
    const raw = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = signRequest(this.o.secret, { kioskId: this.o.kioskId, method, path: url.pathname + url.search, body: raw }, this.now(), newNonce());
    if (raw !== '') headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(this.o.timeoutMs);
    const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
    let status = 0;
    let text: string;
    try {
      const res = await this.fetchImpl(url, { method, headers, ...(raw !== '' ? { body: raw } : {}), signal: combined, redirect: 'error' });
      status = res.status;
      text = await res.text();
    } catch (err) {
      if (timeout.aborted) return { ok: false, error: { kind: 'timeout', message: `${method} ${url.pathname} took longer than ${this.o.timeoutMs} ms` } };
      if (signal?.aborted) return { ok: false, error: { kind: 'aborted', message: `${method} ${url.pathname} cancelled` } };
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      return { ok: false, error: { kind: 'network', message: `${method} ${url.origin}${url.pathname}: ${cause?.code ?? cause?.message ?? (err as Error).message}` } };
    }
    if (text.length > MAX_REPLY_BYTES) return { ok: false, error: { kind: 'bad-reply', status, message: `reply of ${text.length} bytes exceeds ${MAX_REPLY_BYTES}` } };
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      if (status >= 400) return { ok: false, error: { kind: 'http', status, code: 'non-json', message: text.slice(0, 200) } };
      return { ok: false, error: { kind: 'bad-reply', status, message: `not JSON: ${JSON.stringify(text.slice(0, 80))}` } };
    }
    if (status < 200 || status > 299) {
      const e = json as { error?: unknown; message?: unknown } | undefined;
      return {
        ok: false,
        error: { kind: 'http', status, code: typeof e?.error === 'string' ? e.error : 'unknown', message: typeof e?.message === 'string' ? e.message : `HTTP ${status}` },
      };
    }
    const check = checker(schema);
    if (!check.Check(json)) {
      const first = check.Errors(json).First();
      return { ok: false, error: { kind: 'bad-reply', status, message: first ? `${first.path || '/'}: ${first.message}` : 'does not match the protocol' } };
    }
    return { ok: true, status, value: json as Static<S> };
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}

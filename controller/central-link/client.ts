// Signed HTTP client for central. Every reply must carry central's signature
// over status, body, its time, the epoch and our nonce, and match the shared
// protocol schema: a reply that does not verify or match is an error with a
// precise message, never data. Verified replies set the clock offset and
// report central's epoch. Errors are values (Result), not exceptions.
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { BillReply, LegacyAccountReply, Payment, type PaymentCreate } from '../../protocol/bills.js';
import { registerFormats } from '../../protocol/formats.js';
import { HeartbeatReply, type HeartbeatPayload } from '../../protocol/heartbeat.js';
import { RequestAccepted, RequestLookupReply, RequestStatusReply, RequestUpdatesReply, type RequestIntake, type RequestLookup } from '../../protocol/requests.js';
import { newNonce, signRequest, verifyReply } from '../../protocol/signing.js';
import { CentralClock } from './clock.js';

registerFormats();

export type CentralError =
  | { kind: 'network'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'aborted'; message: string }
  | { kind: 'http'; status: number; code: string; message: string }
  | { kind: 'bad-reply'; status: number; message: string }
  /** the reply did not carry a valid signature of central: whatever it says is not trusted */
  | { kind: 'unverified'; status: number; message: string };

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
    case 'unverified':
      return `reply (${e.status}) not trusted: ${e.message}`;
    default:
      return `${e.kind}: ${e.message}`;
  }
}

export interface CentralClientOptions {
  baseUrl: string;
  kioskId: string;
  secret: string;
  timeoutMs: number;
  /** the kiosk's own clock; central's offset is added to it for signing */
  now?: () => Date;
  fetch?: typeof fetch;
  /** called with central's epoch after every verified reply */
  onEpoch?: (epoch: string) => void;
  /** a clock shared with the rest of the kiosk (its `local` replaces `now`) */
  clock?: CentralClock;
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
  /** central's time as learnt from signed replies */
  readonly clock: CentralClock;
  /** the epoch of central's database in the last verified reply */
  lastEpoch: string | null = null;

  constructor(private readonly o: CentralClientOptions) {
    this.base = new URL(o.baseUrl.endsWith('/') ? o.baseUrl : `${o.baseUrl}/`);
    this.clock = o.clock ?? new CentralClock(o.now ?? (() => new Date()));
    this.now = this.clock.local;
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
    const first = await this.attempt(method, relPath, body, schema, signal);
    // A signed stale-timestamp refusal taught us central's time: try once more with it.
    if (!first.ok && first.error.kind === 'http' && first.error.status === 401 && first.error.code === 'stale-timestamp') {
      return this.attempt(method, relPath, body, schema, signal);
    }
    return first;
  }

  private async attempt<S extends TSchema>(method: 'GET' | 'POST', relPath: string, body: unknown, schema: S, signal?: AbortSignal): Promise<CentralResult<Static<S>>> {
    const url = new URL(relPath, this.base);
    const raw = body === undefined ? '' : JSON.stringify(body);
    const nonce = newNonce();
    const headers: Record<string, string> = signRequest(this.o.secret, { kioskId: this.o.kioskId, method, path: url.pathname + url.search, body: raw }, this.clock.now(), nonce);
    if (raw !== '') headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(this.o.timeoutMs);
    const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
    let status = 0;
    let text: string;
    let res: Response;
    const sentAt = this.now();
    try {
      res = await this.fetchImpl(url, { method, headers, ...(raw !== '' ? { body: raw } : {}), signal: combined, redirect: 'error' });
      status = res.status;
      text = await res.text();
    } catch (err) {
      if (timeout.aborted) return { ok: false, error: { kind: 'timeout', message: `${method} ${url.pathname} took longer than ${this.o.timeoutMs} ms` } };
      if (signal?.aborted) return { ok: false, error: { kind: 'aborted', message: `${method} ${url.pathname} cancelled` } };
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      return { ok: false, error: { kind: 'network', message: `${method} ${url.origin}${url.pathname}: ${cause?.code ?? cause?.message ?? (err as Error).message}` } };
    }
    const receivedAt = this.now();
    if (text.length > MAX_REPLY_BYTES) return { ok: false, error: { kind: 'bad-reply', status, message: `reply of ${text.length} bytes exceeds ${MAX_REPLY_BYTES}` } };
    const verdict = verifyReply(this.o.secret, { kioskId: this.o.kioskId, nonce }, status, text, (name) => res.headers.get(name));
    if (!verdict.ok) {
      // Only for the technician: an unsigned answer may come from a proxy, or from central refusing our signature.
      const said = /^[\x20-\x7e]{0,160}$/.test(text.slice(0, 160)) ? `; it said ${JSON.stringify(text.slice(0, 160))}` : '';
      return { ok: false, error: { kind: 'unverified', status, message: `${verdict.detail}${said}` } };
    }
    this.clock.observe(verdict.centralTime, sentAt, receivedAt);
    this.lastEpoch = verdict.epoch;
    this.o.onEpoch?.(verdict.epoch);
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      if (status >= 400) return { ok: false, error: { kind: 'http', status, code: 'non-json', message: text.slice(0, 200) } };
      return { ok: false, error: { kind: 'bad-reply', status, message: `not JSON: ${JSON.stringify(text.slice(0, 80))}` } };
    }
    if (status < 200 || status > 299) {
      const e = json as { error?: unknown; message?: unknown; reason?: unknown } | undefined;
      // A 401 names its reason (stale-timestamp, replayed-nonce …): that is the code worth acting on.
      const code = status === 401 && typeof e?.reason === 'string' ? e.reason : typeof e?.error === 'string' ? e.error : 'unknown';
      return {
        ok: false,
        error: { kind: 'http', status, code, message: typeof e?.message === 'string' ? e.message : `HTTP ${status}` },
      };
    }
    const check = checker(schema);
    if (!check.Check(json)) {
      const firstError = check.Errors(json).First();
      return { ok: false, error: { kind: 'bad-reply', status, message: firstError ? `${firstError.path || '/'}: ${firstError.message}` : 'does not match the protocol' } };
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

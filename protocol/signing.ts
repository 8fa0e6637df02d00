// Pure HMAC-SHA256 request signing shared by the kiosk and central.
// The signature covers kiosk id, timestamp, nonce, method, path and the raw
// body, so neither a replayed body nor a GET re-pointed at another account
// verifies. No I/O here: the nonce memory lives in central's database.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const HEADER_KIOSK = 'x-ecorner-kiosk';
export const HEADER_TIMESTAMP = 'x-ecorner-timestamp';
export const HEADER_NONCE = 'x-ecorner-nonce';
export const HEADER_SIGNATURE = 'x-ecorner-signature';

// Central's replies to a kiosk carry its own time, the database epoch and a
// signature with the same per-kiosk key over the kiosk, the request's nonce,
// the status, the time, the epoch and the body: a reply cannot be altered,
// moved to another request, or replayed later without the kiosk noticing.
export const HEADER_REPLY_TIME = 'x-ecorner-time';
export const HEADER_EPOCH = 'x-ecorner-epoch';
export const HEADER_REPLY_SIGNATURE = 'x-ecorner-reply-signature';

export const KIOSK_ID_PATTERN = /^[A-Z0-9-]{3,32}$/;
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;
const TIMESTAMP_PATTERN = /^\d{9,12}$/;

export interface SignedParts {
  kioskId: string;
  /** Unix time in whole seconds, as sent */
  timestamp: string;
  nonce: string;
  method: string;
  /** path plus query string exactly as requested, e.g. /api/v1/bills/1234567890 */
  path: string;
  /** the raw body bytes as text; '' when there is none */
  body: string;
}

/** The exact text that is signed; one field per line so no field can bleed into another. */
export function canonicalString(p: SignedParts): string {
  return [p.kioskId, p.timestamp, p.nonce, p.method.toUpperCase(), p.path, p.body].join('\n');
}

export function computeSignature(secret: string, parts: SignedParts): string {
  return createHmac('sha256', secret).update(canonicalString(parts), 'utf8').digest('hex');
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** Headers a kiosk adds to a request. */
export function signRequest(
  secret: string,
  req: { kioskId: string; method: string; path: string; body: string },
  now: Date = new Date(),
  nonce: string = newNonce(),
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const signature = computeSignature(secret, { ...req, timestamp, nonce });
  return {
    [HEADER_KIOSK]: req.kioskId,
    [HEADER_TIMESTAMP]: timestamp,
    [HEADER_NONCE]: nonce,
    [HEADER_SIGNATURE]: signature,
  };
}

export type AuthFailure =
  | 'missing-headers'
  | 'malformed-headers'
  | 'unknown-kiosk'
  | 'stale-timestamp'
  | 'bad-signature'
  | 'replayed-nonce';

export interface SignatureHeaders {
  kioskId: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

type HeaderBag = Record<string, string | string[] | undefined>;

/** Reads and shape-checks the four headers; no secret needed yet. */
export function readSignatureHeaders(headers: HeaderBag): { ok: true; value: SignatureHeaders } | { ok: false; reason: AuthFailure; detail: string } {
  const get = (name: string): string | undefined => {
    const v = headers[name];
    return Array.isArray(v) ? undefined : v; // a repeated header is ambiguous: treat as missing
  };
  const kioskId = get(HEADER_KIOSK);
  const timestamp = get(HEADER_TIMESTAMP);
  const nonce = get(HEADER_NONCE);
  const signature = get(HEADER_SIGNATURE);
  const missing = [
    [HEADER_KIOSK, kioskId],
    [HEADER_TIMESTAMP, timestamp],
    [HEADER_NONCE, nonce],
    [HEADER_SIGNATURE, signature],
  ].filter(([, v]) => v === undefined || v === '').map(([n]) => n);
  if (missing.length > 0) return { ok: false, reason: 'missing-headers', detail: `missing header(s): ${missing.join(', ')}` };
  if (!KIOSK_ID_PATTERN.test(kioskId!)) return { ok: false, reason: 'malformed-headers', detail: `${HEADER_KIOSK} must match ${KIOSK_ID_PATTERN}` };
  if (!TIMESTAMP_PATTERN.test(timestamp!)) return { ok: false, reason: 'malformed-headers', detail: `${HEADER_TIMESTAMP} must be Unix seconds` };
  if (!NONCE_PATTERN.test(nonce!)) return { ok: false, reason: 'malformed-headers', detail: `${HEADER_NONCE} must be 16-64 base64url characters` };
  if (!SIGNATURE_PATTERN.test(signature!)) return { ok: false, reason: 'malformed-headers', detail: `${HEADER_SIGNATURE} must be 64 lowercase hex digits` };
  return { ok: true, value: { kioskId: kioskId!, timestamp: timestamp!, nonce: nonce!, signature: signature! } };
}

export interface ReplyParts {
  kioskId: string;
  /** the nonce of the request being answered */
  nonce: string;
  status: number;
  /** central's clock, Unix milliseconds, as sent */
  time: string;
  epoch: string;
  body: string;
}

export function replyCanonicalString(p: ReplyParts): string {
  return ['reply', p.kioskId, p.nonce, String(p.status), p.time, p.epoch, p.body].join('\n');
}

/** Headers central adds to a reply it signs. */
export function signReply(secret: string, p: Omit<ReplyParts, 'time'>, now: Date): Record<string, string> {
  const time = String(now.getTime());
  return {
    [HEADER_REPLY_TIME]: time,
    [HEADER_EPOCH]: p.epoch,
    [HEADER_REPLY_SIGNATURE]: createHmac('sha256', secret).update(replyCanonicalString({ ...p, time }), 'utf8').digest('hex'),
  };
}

export type ReplyVerdict = { ok: true; centralTime: Date; epoch: string } | { ok: false; detail: string };

/** The kiosk's check of a reply to the request it signed with `nonce`. */
export function verifyReply(secret: string, req: { kioskId: string; nonce: string }, status: number, body: string, header: (name: string) => string | null): ReplyVerdict {
  const time = header(HEADER_REPLY_TIME);
  const epoch = header(HEADER_EPOCH);
  const signature = header(HEADER_REPLY_SIGNATURE);
  if (!time || !epoch || !signature) return { ok: false, detail: 'reply is not signed by central' };
  if (!/^\d{10,16}$/.test(time) || !/^[A-Za-z0-9-]{4,40}$/.test(epoch) || !SIGNATURE_PATTERN.test(signature)) return { ok: false, detail: 'reply signature headers are malformed' };
  const expected = Buffer.from(createHmac('sha256', secret).update(replyCanonicalString({ kioskId: req.kioskId, nonce: req.nonce, status, time, epoch, body }), 'utf8').digest('hex'), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return { ok: false, detail: 'reply signature does not match its status, body, time and epoch' };
  return { ok: true, centralTime: new Date(Number(time)), epoch };
}

/**
 * Checks timestamp window and signature. The nonce check is the caller's
 * (it needs memory); do it only after this passes so forged requests
 * cannot burn a legitimate kiosk's nonces.
 */
export function verifySignature(
  secret: string,
  h: SignatureHeaders,
  req: { method: string; path: string; body: string },
  now: Date,
  windowSeconds: number,
): { ok: true } | { ok: false; reason: AuthFailure; detail: string } {
  const expected = Buffer.from(computeSignature(secret, { kioskId: h.kioskId, timestamp: h.timestamp, nonce: h.nonce, ...req }), 'hex');
  const given = Buffer.from(h.signature, 'hex');
  // Both are 32 bytes (the header pattern guarantees it), so timingSafeEqual cannot throw.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature', detail: 'signature does not match the body and headers' };
  }
  // Checked after the signature: a genuine kiosk with a wrong clock gets a
  // signed answer carrying central's time, and so can correct itself.
  const skew = Math.floor(now.getTime() / 1000) - Number(h.timestamp);
  if (Math.abs(skew) > windowSeconds) {
    return { ok: false, reason: 'stale-timestamp', detail: `timestamp is ${skew} s from central's clock; allowed ±${windowSeconds} s` };
  }
  return { ok: true };
}

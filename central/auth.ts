// Per-kiosk authentication for /api/v1 kiosk routes: the signature is checked
// over the raw body before anything is parsed, stored or answered, and a
// nonce is remembered only once the signature has verified. Every reply to a
// request whose signature verified is signed back with the same key (status,
// body, central's time, the epoch, the request's nonce); a stale-timestamp
// refusal is signed too and carries central's time, so a kiosk whose clock
// is wrong corrects itself.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from './db/database.js';
import { readSignatureHeaders, signReply, verifySignature, type AuthFailure } from '../protocol/signing.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** set by the kiosk auth hook once the signature verified */
    kioskId: string;
    /** the key and nonce to sign the reply with; set once the signature verified, even when refused as stale */
    replyKey: { kioskId: string; secret: string; nonce: string } | null;
  }
}

export interface KioskAuthOptions {
  db: Db;
  secretOf: (kioskId: string) => string | undefined;
  now: () => Date;
  windowSeconds: number;
  /** the database epoch, sent with every signed reply */
  epoch: string;
  onFailure: (reason: AuthFailure, kioskId: string | undefined) => void;
}

export class NonceStore {
  private readonly insert;
  private readonly prune;

  constructor(db: Db) {
    this.insert = db.prepare(`INSERT INTO nonces (kiosk_id, nonce, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`);
    this.prune = db.prepare(`DELETE FROM nonces WHERE seen_at < ?`);
  }

  /** True the first time a nonce is seen for this kiosk. */
  claim(kioskId: string, nonce: string, now: Date): boolean {
    return this.insert.run(kioskId, nonce, Math.floor(now.getTime() / 1000)).changes === 1;
  }

  /** Nonces older than the timestamp window can never verify again; forget them. */
  forgetBefore(cutoff: Date): void {
    this.prune.run(Math.floor(cutoff.getTime() / 1000));
  }
}

/** Registers the raw-body JSON parser and the verification hook on an encapsulated scope. */
export function registerKioskAuth(scope: FastifyInstance, o: KioskAuthOptions, nonces: NonceStore): void {
  scope.decorateRequest('kioskId', '');
  scope.decorateRequest('replyKey', null);
  // Keep the body as text: the signature is over the exact bytes sent.
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  const refuse = (reply: FastifyReply, reason: AuthFailure, detail: string, kioskId?: string, extra: object = {}) => {
    o.onFailure(reason, kioskId);
    return reply.code(401).send({ error: 'unauthorized', reason, message: detail, ...extra });
  };

  scope.addHook('onSend', async (request, reply, payload) => {
    const key = request.replyKey;
    if (!key) return payload;
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    reply.headers(signReply(key.secret, { kioskId: key.kioskId, nonce: key.nonce, status: reply.statusCode, epoch: o.epoch, body }, o.now()));
    return body;
  });

  scope.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = typeof request.body === 'string' ? request.body : '';
    const headers = readSignatureHeaders(request.headers);
    if (!headers.ok) return refuse(reply, headers.reason, headers.detail);
    const h = headers.value;
    const secret = o.secretOf(h.kioskId);
    if (!secret) return refuse(reply, 'unknown-kiosk', `kiosk ${h.kioskId} is not registered with central`, h.kioskId);
    const now = o.now();
    const verdict = verifySignature(secret, h, { method: request.method, path: request.url, body: raw }, now, o.windowSeconds);
    if (verdict.ok || verdict.reason === 'stale-timestamp') request.replyKey = { kioskId: h.kioskId, secret, nonce: h.nonce };
    if (!verdict.ok) return refuse(reply, verdict.reason, verdict.detail, h.kioskId, verdict.reason === 'stale-timestamp' ? { serverTime: now.toISOString() } : {});
    if (!nonces.claim(h.kioskId, h.nonce, now)) return refuse(reply, 'replayed-nonce', `nonce ${h.nonce} was already used`, h.kioskId);
    request.kioskId = h.kioskId;
    if (raw === '') {
      request.body = undefined;
      return;
    }
    try {
      request.body = JSON.parse(raw);
    } catch (err) {
      return reply.code(400).send({ error: 'bad-json', message: `body is not valid JSON: ${(err as Error).message}` });
    }
  });
}

// Per-kiosk authentication for /api/v1 kiosk routes: the signature is checked
// over the raw body before anything is parsed, stored or answered, and a
// nonce is remembered only once the signature has verified.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from './db/database.js';
import { readSignatureHeaders, verifySignature, type AuthFailure } from '../protocol/signing.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** set by the kiosk auth hook once the signature verified */
    kioskId: string;
  }
}

export interface KioskAuthOptions {
  db: Db;
  secretOf: (kioskId: string) => string | undefined;
  now: () => Date;
  windowSeconds: number;
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
  // Keep the body as text: the signature is over the exact bytes sent.
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  const refuse = (reply: FastifyReply, reason: AuthFailure, detail: string, kioskId?: string) => {
    o.onFailure(reason, kioskId);
    return reply.code(401).send({ error: 'unauthorized', reason, message: detail });
  };

  scope.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = typeof request.body === 'string' ? request.body : '';
    const headers = readSignatureHeaders(request.headers);
    if (!headers.ok) return refuse(reply, headers.reason, headers.detail);
    const h = headers.value;
    const secret = o.secretOf(h.kioskId);
    if (!secret) return refuse(reply, 'unknown-kiosk', `kiosk ${h.kioskId} is not registered with central`, h.kioskId);
    const now = o.now();
    const verdict = verifySignature(secret, h, { method: request.method, path: request.url, body: raw }, now, o.windowSeconds);
    if (!verdict.ok) return refuse(reply, verdict.reason, verdict.detail, h.kioskId);
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

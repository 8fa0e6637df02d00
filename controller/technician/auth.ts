// Technician authentication on the technician listener: PIN login with
// @fastify/rate-limit (five attempts per address per five minutes, then 429),
// a session cookie (HttpOnly, SameSite=Strict, Secure on HTTPS, 30 min idle)
// and a same-origin check on every state-changing call.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { Type } from '@sinclair/typebox';
import type { Logger } from '../log/logger.js';
import { verifyPin } from './pin.js';
import { SESSION_IDLE_MS, type Session, type SessionTable } from './sessions.js';

export const SESSION_COOKIE = 'ecorner_technician';
export const LOGIN_ATTEMPTS = 5;
export const LOGIN_WINDOW_MS = 5 * 60 * 1000;

const MESSAGES = {
  'login-required': { en: 'Log in with the technician PIN first.', hi: 'पहले तकनीशियन पिन से लॉग इन करें।' },
  'wrong-pin': { en: 'Wrong PIN.', hi: 'गलत पिन।' },
  'too-many-attempts': { en: 'Too many PIN attempts: wait 5 minutes.', hi: 'बहुत अधिक पिन प्रयास: 5 मिनट प्रतीक्षा करें।' },
  'cross-origin': { en: 'This action must come from the technician page itself.', hi: 'यह कार्य तकनीशियन पेज से ही होना चाहिए।' },
  'metrics-token': { en: 'A valid bearer token is needed for /metrics.', hi: '/metrics के लिए मान्य टोकन चाहिए।' },
} as const;

export function authError(statusCode: number, code: keyof typeof MESSAGES) {
  return { statusCode, code, field: code === 'wrong-pin' || code === 'too-many-attempts' ? 'pin' : 'session', message: MESSAGES[code] };
}

declare module 'fastify' {
  interface FastifyRequest {
    technician?: Session;
  }
}

export interface AuthOptions {
  sessions: SessionTable;
  pinHash: string;
  secure: boolean;
  log: Logger;
  metricsToken?: string;
}

/** The request came from a page of this very listener (browsers send Origin on POST). */
export function sameOrigin(req: FastifyRequest, secure: boolean): boolean {
  const origin = req.headers.origin;
  const fetchSite = req.headers['sec-fetch-site'];
  if (origin === undefined) return fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none';
  return origin === `${secure ? 'https' : 'http'}://${req.headers.host ?? ''}`;
}

export async function installAuth(app: FastifyInstance, o: AuthOptions): Promise<void> {
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: o.secure, maxAge: SESSION_IDLE_MS / 1000 };

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const url = req.url.split('?')[0] ?? '';
    if (url === '/metrics') {
      if (o.metricsToken && req.headers.authorization !== `Bearer ${o.metricsToken}`) return reply.code(401).header('www-authenticate', 'Bearer').send(authError(401, 'metrics-token'));
      return;
    }
    const api = url.startsWith('/api/technician/') || url.startsWith('/api/sim/');
    if (!api) return;
    if (req.method !== 'GET' && req.method !== 'HEAD' && !sameOrigin(req, o.secure)) return reply.code(403).send(authError(403, 'cross-origin'));
    if (url === '/api/technician/login') return;
    const session = o.sessions.touch(req.cookies[SESSION_COOKIE]);
    if (!session) return reply.code(401).send(authError(401, 'login-required'));
    req.technician = session;
    // Idle expiry slides: each request restarts the cookie's clock too.
    reply.setCookie(SESSION_COOKIE, session.id, cookieOptions);
  });

  app.post('/api/technician/login', {
    config: { rateLimit: { max: LOGIN_ATTEMPTS, timeWindow: LOGIN_WINDOW_MS, errorResponseBuilder: () => authError(429, 'too-many-attempts') } },
    schema: { body: Type.Object({ pin: Type.String({ maxLength: 64 }) }, { additionalProperties: false }) },
  }, async (req, reply) => {
    const ok = await verifyPin((req.body as { pin: string }).pin, o.pinHash);
    // Every attempt is logged, never the PIN.
    o.log.info({ event: ok ? 'technician-login' : 'technician-login-failed', address: req.ip }, ok ? 'technician logged in' : 'wrong technician PIN');
    if (!ok) return reply.code(401).send(authError(401, 'wrong-pin'));
    const session = o.sessions.create(`technician@${req.ip}`);
    reply.setCookie(SESSION_COOKIE, session.id, cookieOptions);
    return { ok: true, who: session.who };
  });

  app.post('/api/technician/logout', async (req, reply) => {
    o.sessions.end(req.technician?.id);
    o.log.info({ event: 'technician-logout', address: req.ip }, 'technician logged out');
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/technician/session', async (req) => ({ who: req.technician?.who ?? null }));
}

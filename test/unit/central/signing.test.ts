import t from 'tap';
import { canonicalString, computeSignature, readSignatureHeaders, signReply, signRequest, verifyReply, verifySignature } from '../../../protocol/signing.js';

const secret = 'unit-test-secret-0123456789';
const now = new Date('2025-11-26T06:00:00Z');
const req = { kioskId: 'KE-DLS-01', method: 'POST', path: '/api/v1/requests', body: '{"a":1}' };

t.test('sign then verify', async (t) => {
  const h = signRequest(secret, req, now, 'nonce-0000000000000001');
  t.equal(h['x-ecorner-timestamp'], String(now.getTime() / 1000));
  const read = readSignatureHeaders(h);
  t.ok(read.ok);
  if (!read.ok) return;
  t.same(verifySignature(secret, read.value, req, now, 300), { ok: true });
});

t.test('every signed part matters', async (t) => {
  const h = signRequest(secret, req, now, 'nonce-0000000000000001');
  const read = readSignatureHeaders(h);
  if (!read.ok) throw new Error('headers');
  for (const [name, changed] of [
    ['body', { ...req, body: '{"a":2}' }],
    ['path', { ...req, path: '/api/v1/requests?x=1' }],
    ['method', { ...req, method: 'PUT' }],
  ] as const) {
    const v = verifySignature(secret, read.value, changed, now, 300);
    t.equal(v.ok ? 'ok' : v.reason, 'bad-signature', name);
  }
  const wrongSecret = verifySignature('another-secret-0123456789', read.value, req, now, 300);
  t.equal(wrongSecret.ok ? 'ok' : wrongSecret.reason, 'bad-signature');
  const otherNonce = verifySignature(secret, { ...read.value, nonce: 'nonce-0000000000000002' }, req, now, 300);
  t.equal(otherNonce.ok ? 'ok' : otherNonce.reason, 'bad-signature');
});

t.test('kiosk id is part of the signed text', async (t) => {
  t.match(canonicalString({ ...req, timestamp: '1', nonce: 'n' }), /^KE-DLS-01\n1\nn\nPOST\n\/api\/v1\/requests\n\{"a":1\}$/);
  t.not(computeSignature(secret, { ...req, timestamp: '1', nonce: 'n' }), computeSignature(secret, { ...req, kioskId: 'KE-PHB-01', timestamp: '1', nonce: 'n' }));
});

t.test('timestamp window', async (t) => {
  const h = readSignatureHeaders(signRequest(secret, req, now, 'nonce-0000000000000001'));
  if (!h.ok) throw new Error('headers');
  t.ok(verifySignature(secret, h.value, req, new Date(now.getTime() + 300_000), 300).ok, 'edge of window');
  const late = verifySignature(secret, h.value, req, new Date(now.getTime() + 301_000), 300);
  t.equal(late.ok ? 'ok' : late.reason, 'stale-timestamp');
  const early = verifySignature(secret, h.value, req, new Date(now.getTime() - 301_000), 300);
  t.equal(early.ok ? 'ok' : early.reason, 'stale-timestamp');
});

t.test('header shapes', async (t) => {
  const good = signRequest(secret, req, now, 'nonce-0000000000000001');
  const missing = readSignatureHeaders({ ...good, 'x-ecorner-signature': undefined });
  t.same(missing.ok ? 'ok' : missing.reason, 'missing-headers');
  const repeated = readSignatureHeaders({ ...good, 'x-ecorner-nonce': ['a', 'b'] });
  t.same(repeated.ok ? 'ok' : repeated.reason, 'missing-headers');
  for (const [name, over] of [
    ['kiosk', { 'x-ecorner-kiosk': 'ke dls' }],
    ['timestamp', { 'x-ecorner-timestamp': '2025-11-26' }],
    ['nonce', { 'x-ecorner-nonce': 'short' }],
    ['signature', { 'x-ecorner-signature': 'A'.repeat(64) }],
  ] as const) {
    const r = readSignatureHeaders({ ...good, ...over });
    t.equal(r.ok ? 'ok' : r.reason, 'malformed-headers', name);
  }
});

t.test('replies: signed over kiosk, nonce, status, time, epoch and body', async (t) => {
  const secret = 'reply-secret-9fK2mQ7xL4pR8tZ1vN6bC3';
  const parts = { kioskId: 'KE-DLS-01', nonce: 'n0nce-abcdefghijklmnop', status: 200, epoch: 'K3M9Q2XA', body: '{"ok":true}' };
  const at = new Date('2025-11-26T06:00:00.000Z');
  const headers = signReply(secret, parts, at);
  const get = (h: Record<string, string>) => (name: string) => h[name] ?? null;
  t.match(verifyReply(secret, parts, 200, parts.body, get(headers)), { ok: true, epoch: 'K3M9Q2XA', centralTime: at });
  t.match(verifyReply(secret, parts, 201, parts.body, get(headers)), { ok: false, detail: /does not match/ }, 'status');
  t.match(verifyReply(secret, parts, 200, '{"ok":false}', get(headers)), { ok: false }, 'body');
  t.match(verifyReply(secret, { ...parts, nonce: 'another-nonce-abcdefgh' }, 200, parts.body, get(headers)), { ok: false }, 'a reply to another request');
  t.match(verifyReply(secret, parts, 200, parts.body, get({ ...headers, 'x-ecorner-epoch': 'AAAAAAAA' })), { ok: false }, 'epoch');
  t.match(verifyReply(secret, parts, 200, parts.body, get({ ...headers, 'x-ecorner-time': String(at.getTime() + 1000) })), { ok: false }, 'time');
  t.match(verifyReply('another-secret-0123456789abcdef', parts, 200, parts.body, get(headers)), { ok: false }, 'key');
  t.match(verifyReply(secret, parts, 200, parts.body, get({})), { ok: false, detail: /not signed/ });
});

t.test('a stale timestamp is reported only for a genuine signature', async (t) => {
  const secret = 'stale-secret-9fK2mQ7xL4pR8tZ1vN6bC3';
  const req = { kioskId: 'KE-DLS-01', method: 'GET', path: '/api/v1/bills/2130000001', body: '' };
  const old = signRequest(secret, req, new Date('2025-11-26T04:00:00Z'));
  const h = readSignatureHeaders(old);
  if (!h.ok) throw new Error('headers');
  t.match(verifySignature(secret, h.value, req, new Date('2025-11-26T06:00:00Z'), 300), { ok: false, reason: 'stale-timestamp' });
  t.match(verifySignature('wrong-secret-0123456789abcdefgh', h.value, req, new Date('2025-11-26T06:00:00Z'), 300), { ok: false, reason: 'bad-signature' }, 'a forger learns nothing about the clock');
});

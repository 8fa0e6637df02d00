// Razorpay's webhook scheme, pure: signature over the raw body, parsing of
// the three events central acts on, everything else ignored or refused.
import { createHmac } from 'node:crypto';
import t from 'tap';
import { parseRazorpayEvent, verifyRazorpaySignature } from '../../../central/gateway/razorpay.js';
import { razorpayEventBody, razorpayHeaders } from '../../../central/gateway/simulated.js';
import { newEpoch, EPOCH_PATTERN } from '../../../central/db/epoch.js';

const SECRET = 'whsec-unit-9fK2mQ7xL4pR8tZ1vN6bC3';
const P = { paymentId: `P-${'ab'.repeat(16)}`, amountPaise: 123_450, gatewayPaymentId: 'pay_Q7mZ2pL9xK4rT8' };

t.test('signature: HMAC-SHA256 hex of the exact body', async (t) => {
  const body = razorpayEventBody('captured', P, new Date('2025-11-26T06:00:00Z'));
  const expected = createHmac('sha256', SECRET).update(body).digest('hex');
  t.equal(razorpayHeaders(SECRET, body)['x-razorpay-signature'], expected, 'as Razorpay documents it');
  t.same(verifyRazorpaySignature(SECRET, body, expected), { ok: true });
  t.same(verifyRazorpaySignature(SECRET, `${body} `, expected), { ok: false, reason: 'bad-signature' }, 'one byte more');
  t.same(verifyRazorpaySignature('another-secret-entirely-0123456789', body, expected), { ok: false, reason: 'bad-signature' });
  t.same(verifyRazorpaySignature(SECRET, body, undefined), { ok: false, reason: 'missing-signature' });
  t.same(verifyRazorpaySignature(SECRET, body, ['a', 'b']), { ok: false, reason: 'missing-signature' }, 'a repeated header is no signature');
  t.same(verifyRazorpaySignature(SECRET, body, expected.toUpperCase()), { ok: false, reason: 'bad-signature' });
});

t.test('events central acts on', async (t) => {
  t.match(parseRazorpayEvent('evt_1', razorpayEventBody('captured', P)), { ok: true, event: { kind: 'captured', name: 'payment.captured', paymentId: P.paymentId, gatewayPaymentId: P.gatewayPaymentId, amountPaise: 123_450, currency: 'INR', bankRef: /^\d{12}$/ } });
  t.match(parseRazorpayEvent('evt_2', razorpayEventBody('failed', P)), { ok: true, event: { kind: 'failed', bankRef: null } });
  t.match(parseRazorpayEvent('evt_3', razorpayEventBody('refunded', P)), { ok: true, event: { kind: 'refunded', name: 'refund.processed', gatewayPaymentId: P.gatewayPaymentId, amountPaise: 123_450 } });
  const other = JSON.parse(razorpayEventBody('captured', P)) as { event: string };
  other.event = 'payment.authorized';
  t.same(parseRazorpayEvent('evt_4', JSON.stringify(other)), { ok: false, ignored: true, name: 'payment.authorized' });
  t.match(parseRazorpayEvent('evt_5', '{"entity":"event"}'), { ok: false, ignored: false, message: /not a Razorpay event/ });
  t.match(parseRazorpayEvent('evt_6', 'not json'), { ok: false, ignored: false, message: /not JSON/ });
  const noted = JSON.parse(razorpayEventBody('captured', P)) as { payload: { payment: { entity: { notes: Record<string, string> } } } };
  noted.payload.payment.entity.notes = { ecorner_payment_id: 'P-00000001' };
  t.match(parseRazorpayEvent('evt_7', JSON.stringify(noted)), { ok: true, event: { paymentId: null } }, 'an old-style (guessable) id in the notes is not taken');
});

t.test('epochs: 8 Crockford base32 characters, random', async (t) => {
  const made = Array.from({ length: 100 }, () => newEpoch());
  t.ok(made.every((e) => EPOCH_PATTERN.test(e)), made.slice(0, 3).join(' '));
  t.equal(new Set(made).size, made.length);
});

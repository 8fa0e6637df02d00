// Look-ups of requests made elsewhere: at most 10 a minute from this kiosk go
// to central; repeats are answered from a brief cache; the 11th new one gets
// a bilingual 429. Requests this kiosk holds are answered locally, unlimited.
import t from 'tap';
import { messages } from '../../../controller/services/errors.js';
import { startTestKiosk, validComplaint } from '../../helpers/kiosk.js';

t.test('remote look-ups are limited and cached; local ones are not', async (t) => {
  const kiosk = await startTestKiosk(t);
  const db = kiosk.central!.app.central.db;
  const signedCalls = () => (db.prepare(`SELECT COUNT(*) AS n FROM nonces`).get() as { n: number }).n;
  const mine = (await kiosk.app.inject({ method: 'POST', url: '/api/requests', payload: validComplaint })).json();
  // Let the hand-over of our own request (and its status pull) finish first, so the count below is the look-ups'.
  await kiosk.link.outbox.drain();
  await kiosk.link.outbox.pullStatus();
  const before = signedCalls();
  const ask = (reference: string, mobile: string) => kiosk.app.inject({ method: 'GET', url: `/api/requests/${reference}?mobile=${mobile}` });
  for (let i = 0; i < 10; i++) {
    const r = await ask(`KE-DBL-251126-${String(100 + i).padStart(5, '0')}`, '9123456789');
    t.equal(r.statusCode, 404, `remote guess ${i + 1}: not found`);
  }
  const again = await ask('KE-DBL-251126-00100', '9123456789');
  t.equal(again.statusCode, 404, 'a repeated look-up is answered from the cache, not refused');
  const limited = await ask('KE-DBL-251126-00999', '9123456789');
  t.equal(limited.statusCode, 429, 'the 11th new remote look-up in a minute waits');
  t.same(limited.json().message, messages['too-many-lookups'], 'bilingual');
  t.match(limited.json().message.hi, /1912/);
  t.ok(Number(limited.headers['retry-after']) > 0, 'with Retry-After');
  const calls = signedCalls() - before;
  t.ok(calls >= 10 && calls <= 12, `10 signed look-ups reached central (${calls}, with at most a heartbeat and a status pull beside them), not one per guess`);
  for (let i = 0; i < 15; i++) t.equal((await ask(mine.reference, validComplaint.mobile)).statusCode, 200, `own request ${i + 1}: answered here`);
});

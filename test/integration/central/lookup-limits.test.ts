// Wrong-mobile guessing is limited per kiosk at central: misses are counted;
// past the limit every look-up from that kiosk waits (a hit too, or the limit
// would still answer the right guess), with a bilingual 429. Other kiosks are
// not affected.
import t from 'tap';
import { startTestCentral } from '../../fixtures/central/central-helper.js';

const REF = 'KE-DLS-251126-00001';

t.test('10 misses a minute per kiosk, then 429 for that kiosk only', async (t) => {
  const c = await startTestCentral(t);
  const intake = { reference: REF, service: 'billing-complaint', mobile: '9876543210', account: '2130000001', fields: { type: 'wrong-reading' }, createdAt: c.clock.now().toISOString(), dueBy: '2025-12-10T06:00:00.000Z' };
  t.equal((await c.kioskFetch('POST', '/api/v1/requests', intake)).status, 201);
  const hit = await c.kioskFetch('POST', '/api/v1/lookups', { reference: REF, mobile: '9876543210' }, { kioskId: 'KE-PHB-01' });
  t.equal(hit.status, 200, 'the right mobile finds it');
  for (let i = 0; i < 10; i++) {
    const miss = await c.kioskFetch('POST', '/api/v1/lookups', { reference: REF, mobile: `91234567${String(i).padStart(2, '0')}` }, { kioskId: 'KE-PHB-01' });
    t.equal(miss.status, 404, `guess ${i + 1}: not found`);
  }
  const limited = await c.kioskFetch('POST', '/api/v1/lookups', { reference: REF, mobile: '9123456799' }, { kioskId: 'KE-PHB-01' });
  t.equal(limited.status, 429, 'the 11th miss in a minute waits');
  t.match(limited.json, { error: 'too-many-lookups', message: /wait a minute/, hi: /एक मिनट/ });
  const rightNow = await c.kioskFetch('POST', '/api/v1/lookups', { reference: REF, mobile: '9876543210' }, { kioskId: 'KE-PHB-01' });
  t.equal(rightNow.status, 429, 'a right guess waits too, so the limit is no oracle');
  const other = await c.kioskFetch('POST', '/api/v1/lookups', { reference: REF, mobile: '9876543210' }, { kioskId: 'KE-DLS-01' });
  t.equal(other.status, 200, 'another kiosk is not affected');
});

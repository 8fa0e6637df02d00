// A receipt scanned at any kiosk opens its status: a kiosk that does not hold
// the request asks central, which answers only for the consumer's mobile.
import t from 'tap';
import path from 'node:path';
import { pino } from 'pino';
import { startCentral } from '../../../central/server.js';
import { startTestKiosk, validComplaint } from '../../helpers/kiosk.js';
import { tempDir } from '../../helpers/config.js';

const SECRET_A = 'kiosk-a-secret-of-enough-length';
const SECRET_B = 'kiosk-b-secret-of-enough-length';

t.test('status of a request made at another kiosk comes from central', async (t) => {
  const central = await startCentral({
    port: 0,
    dbPath: path.join(tempDir(), 'central.sqlite'),
    kiosks: [
      { id: 'KE-DLS-SIM', site: 'DLS', name: 'Dehli Sujanpur', secret: SECRET_A },
      { id: 'KE-PHB-T1', site: 'PHB', name: 'Phoolbagh', secret: SECRET_B },
    ],
    log: pino({ level: 'silent' }),
  });
  let centralOpen = true;
  t.teardown(() => (centralOpen ? central.close() : undefined));
  const useCentral = (c: Record<string, any>, secret: string) => {
    c.simulator.startCentral = false;
    c.central.url = central.url;
    c.central.kioskSecret = secret;
  };
  const a = await startTestKiosk(t, { modify: (c) => useCentral(c, SECRET_A) });
  const b = await startTestKiosk(t, {
    modify: (c) => {
      useCentral(c, SECRET_B);
      Object.assign(c.kiosk, { id: 'KE-PHB-T1', siteCode: 'PHB', circle: 'circle-1', substation: 'phoolbagh' });
    },
  });

  const made = (await a.app.inject({ method: 'POST', url: '/api/requests', payload: validComplaint })).json();
  let synced = false;
  for (let i = 0; i < 100 && !synced; i++) {
    synced = (await a.app.inject({ method: 'GET', url: `/api/requests/${made.reference}?mobile=${validComplaint.mobile}` })).json().central.state === 'synced';
    if (!synced) await new Promise((r) => setTimeout(r, 100));
  }
  t.ok(synced, 'kiosk A handed the request to central');

  const there = await b.app.inject({ method: 'GET', url: `/api/requests/${made.reference}?mobile=${validComplaint.mobile}` });
  t.equal(there.statusCode, 200);
  const view = there.json();
  t.equal(view.reference, made.reference);
  t.same(view.origin, { kioskId: 'KE-DLS-SIM' });
  t.match(view.central.ticket, /^HD-[0-9A-Z]{8}-\d{6,}$/);
  t.equal(view.serviceName.en, 'Billing complaint');
  t.notOk('mobile' in view, 'no personal data from another kiosk');
  t.notOk('receipt' in view, 'its receipt was printed elsewhere');

  const wrong = await b.app.inject({ method: 'GET', url: `/api/requests/${made.reference}?mobile=9123456789` });
  const unknown = await b.app.inject({ method: 'GET', url: `/api/requests/KE-DLS-261127-99999?mobile=${validComplaint.mobile}` });
  t.equal(wrong.statusCode, 404);
  t.same(wrong.json(), unknown.json(), 'a wrong mobile looks like an unknown reference');

  await central.close();
  centralOpen = false;
  // An answer central gave moments ago is kept briefly (look-ups are cached) …
  const cached = await b.app.inject({ method: 'GET', url: `/api/requests/${made.reference}?mobile=${validComplaint.mobile}` });
  t.equal(cached.statusCode, 200, 'a look-up answered moments ago is served from the brief cache');
  // … anything else needs central.
  const down = await b.app.inject({ method: 'GET', url: `/api/requests/KE-DLS-261127-99998?mobile=${validComplaint.mobile}` });
  t.equal(down.statusCode, 503);
  t.equal(down.json().code, 'central-unavailable');
  t.equal((await a.app.inject({ method: 'GET', url: `/api/requests/${made.reference}?mobile=${validComplaint.mobile}` })).statusCode, 200, 'the kiosk that holds it still answers');
});

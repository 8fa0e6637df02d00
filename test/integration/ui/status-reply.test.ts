// The status screen shows the help desk's status in words and the staff's
// reply to the consumer, as central reports them (here the simulator's
// central with its built-in help desk; against RT the reply is the ticket's
// last correspondence, see test/integration/central/helpdesk-rt.test.ts).
import t from 'tap';
import { startTestKiosk, validComplaint } from '../../helpers/kiosk.js';
import { launch, next, openKiosk, shot, typeDigits } from './fixtures/browser.js';

t.test('status in words and the reply from KESCO', async (t) => {
  const kiosk = await startTestKiosk(t);
  const created = await fetch(`${kiosk.url}/api/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(validComplaint) });
  t.equal(created.status, 201);
  const { reference } = (await created.json()) as { reference: string };
  // The kiosk hands the request to central on its own; wait for that, event by event.
  while (kiosk.store.get(reference)?.sync.state !== 'synced') await new Promise((r) => setTimeout(r, 100));

  const central = kiosk.central!;
  const note = 'कृपया पिछला जमा बिल लेकर आएँ। Please bring your last paid bill.';
  const set = await fetch(`${central.url}/api/v1/admin/requests/${kiosk.ctx.config.kiosk.id}/${reference}/status`, {
    method: 'POST',
    headers: { authorization: `Bearer ${central.helpdeskToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'waiting-on-consumer', note }),
  });
  t.equal(set.status, 200);

  const browser = await launch(t);
  const page = await openKiosk(browser, kiosk.url, { query: 'idle=600' });
  await fetch(`${kiosk.url}/api/sim/scan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: reference }) });
  await page.waitForSelector('.wizard[data-step="mobile"]');
  await typeDigits(page, '9876543210');
  await next(page);
  await page.waitForSelector('.status-result [data-testid="reference"]');
  const state = await page.textContent('[data-field="central"]');
  t.match(state, 'आपसे जानकारी की प्रतीक्षा', 'the status in Hindi');
  t.match(state, 'Waiting for you', 'and in English');
  t.notMatch(state, 'waiting-on-consumer', 'not the code');
  t.equal((await page.textContent('[data-field="note"]'))?.trim(), note, "the staff's reply, as written");
  await shot(page, 'status-reply-hi-1280x800');
});

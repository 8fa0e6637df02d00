// Request Tracker stopped for a while: central keeps every request, shows
// RT unreachable on the fleet page, and hands each over exactly once when RT
// is back.
import t from 'tap';
import { startCentralProcess } from '../../helpers/central-process.js';
import { billingComplaint, centralFor, helpdeskHealth, kioskFor, startPreparedRt, submit, ticketsFor, until } from '../../helpers/helpdesk-rt.js';

// RT starts in seconds on an idle machine but takes a minute or more on a
// loaded CI runner; the suite-wide 240 s is too tight for a whole file here.
t.setTimeout(480_000);
const rt = await startPreparedRt(t);

t.test('RT stopped for a while: nothing lost, nothing doubled', async (t) => {
  const s = centralFor(rt, 'TSB');
  const central = await startCentralProcess(t, s.configFile);
  const kiosk = await kioskFor(t, s, central.url);
  const before = await submit(kiosk, billingComplaint);
  await until('the first ticket', async () => ((await ticketsFor(rt, before.reference)).length === 1 ? true : undefined));

  await rt.stop();
  t.teardown(() => rt.start());
  const during = [];
  for (let i = 0; i < 3; i++) during.push(await submit(kiosk, { ...billingComplaint, fields: { type: i % 2 ? 'excess-bill' : 'wrong-reading' } }));
  const down = await until('central to see RT unreachable with 3 waiting', async () => {
    const h = await helpdeskHealth(central.url);
    return h.state === 'unreachable' && h.pending === 3 ? h : undefined;
  });
  t.match(down.error, /127\.0\.0\.1/, 'the technician sees which RT and why');
  const page = await (await fetch(`${central.url}/`)).text();
  t.match(page, /id="helpdesk"[^]*unreachable for/, 'the fleet page shows RT unreachable');
  t.match(page, '3 requests waiting to be handed over');
  const metrics = await (await fetch(`${central.url}/metrics`)).text();
  t.match(metrics, 'ecorner_central_helpdesk_up{helpdesk="rt"} 0', 'Prometheus can alert on it');
  t.match(metrics, /\necorner_central_helpdesk_pending 3\n/);

  await rt.start();
  await until('every waiting request handed over', async () => {
    const h = await helpdeskHealth(central.url);
    return h.state === 'ok' && h.pending === 0 ? true : undefined;
  });
  for (const r of [before, ...during]) t.equal((await ticketsFor(rt, r.reference)).length, 1, `${r.reference}: exactly one RT ticket`);
  const page2 = await (await fetch(`${central.url}/`)).text();
  t.match(page2, 'every request handed over');
});


// Central against a real Request Tracker 5 (Debian's packages, a throw-away
// SQLite database, RT's standalone server on a free loopback port; see
// test/helpers/request-tracker.ts): helpdesk:setup prepares a fresh RT once,
// a request made at a simulated kiosk becomes exactly one ticket in its
// circle's queue with the due date and custom fields, and staff's status and
// reply come back to the kiosk's status look-up.
import t from 'tap';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../helpers/process.js';
import { startCentralProcess } from '../../helpers/central-process.js';
import { startRequestTracker } from '../../helpers/request-tracker.js';
import { billingComplaint, centralFor, helpdeskHealth, kioskFor, MOBILE, QUEUES, submit, supplyComplaint, ticketsFor, until } from '../../helpers/helpdesk-rt.js';

// RT starts in seconds on an idle machine but takes a minute or more on a
// loaded CI runner; the suite-wide 240 s is too tight for a whole file here.
t.setTimeout(480_000);
const rt = await startRequestTracker(t);

function runSetup(configFile: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'central', 'tools', 'helpdesk-setup.ts')], {
      cwd: repoRoot,
      env: { ...process.env, ECORNER_CENTRAL_CONFIG: configFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

t.test('helpdesk:setup creates the queues and custom fields once', async (t) => {
  const s = centralFor(rt, 'SET');
  const first = await runSetup(s.configFile);
  t.equal(first.code, 0, first.out);
  for (const q of Object.values(QUEUES)) t.match(first.out, `queue "${q}": created`);
  for (const f of ['Reference', 'Service', 'Account', 'Kiosk', 'Substation', 'Mobile']) t.match(first.out, `custom-field "${f}": created`);
  const again = await runSetup(s.configFile);
  t.equal(again.code, 0, again.out);
  t.notMatch(again.out, /: created/, 'nothing created the second time');
  t.match(again.out, '0 created, 10 already there');
  const queues = await rt.rest<{ items: unknown[] }>('POST', '/queues', [{ field: 'Name', operator: 'LIKE', value: 'KESCO Circle' }]);
  t.equal(queues.json.items.length, 4, 'four circle queues in RT');
});

t.test('a kiosk request becomes one RT ticket; staff answers reach the kiosk', async (t) => {
  const s = centralFor(rt, 'TSA');
  const central = await startCentralProcess(t, s.configFile);
  const kiosk = await kioskFor(t, s, central.url);

  const made = await submit(kiosk, billingComplaint);
  const [rtId] = await until('the RT ticket', async () => ((await ticketsFor(rt, made.reference)).length > 0 ? ticketsFor(rt, made.reference) : undefined));
  const ticket = (await rt.rest<any>('GET', `/ticket/${rtId}`)).json;
  const queue = (await rt.rest<any>('GET', `/queue/${ticket.Queue.id}`)).json;
  t.equal(queue.Name, 'KESCO Circle 3', "the kiosk's circle's queue");
  t.equal(ticket.Status, 'new');
  t.equal(Date.parse(ticket.Due), Math.floor(Date.parse(made.dueBy) / 1000) * 1000, "RT's Due is the request's due time");
  t.match(ticket.Subject, made.reference);
  t.match(ticket.Subject, 'बिल संबंधी शिकायत');
  t.match(ticket.Subject, /Billing/);
  const cf = Object.fromEntries((ticket.CustomFields as Array<{ name: string; values: string[] }>).map((f) => [f.name, f.values[0]]));
  t.same(cf, { Reference: made.reference, Service: 'billing-complaint', Account: '1234567890', Kiosk: s.id, Substation: 'dehli-sujanpur', Mobile: MOBILE });
  // The body: masked mobile only (the full number is in the Mobile field).
  const atts = (await rt.rest<any>('GET', `/ticket/${rtId}/attachments?fields=ContentType`)).json.items as Array<{ id: string; ContentType: string }>;
  const first = (await rt.rest<any>('GET', `/attachment/${atts.find((a) => a.ContentType === 'text/plain')!.id}`)).json;
  const body = Buffer.from(first.Content as string, 'base64').toString('utf8');
  t.match(body, '98xxxxxx10');
  t.notMatch(body, MOBILE);
  t.match(body, 'Wrong meter reading / गलत मीटर रीडिंग', 'enum fields in words, both languages');

  // Routed by substation: a supply complaint at Phoolbagh goes to circle 1.
  const supply = await submit(kiosk, supplyComplaint);
  const [supplyId] = await until('the supply ticket', async () => ((await ticketsFor(rt, supply.reference)).length > 0 ? ticketsFor(rt, supply.reference) : undefined));
  const supplyTicket = (await rt.rest<any>('GET', `/ticket/${supplyId}`)).json;
  t.equal((await rt.rest<any>('GET', `/queue/${supplyTicket.Queue.id}`)).json.Name, 'KESCO Circle 1');

  const status = async (reference: string) => (await kiosk.app.inject({ method: 'GET', url: `/api/requests/${reference}?mobile=${MOBILE}` })).json();

  // Staff put the supply complaint on hold for the consumer, then resolve the billing complaint with a reply.
  const stalled = await rt.rest('PUT', `/ticket/${supplyId}`, { Status: 'stalled' });
  t.equal(stalled.status, 200);
  const reply = 'मीटर रीडिंग ठीक कर दी गई है। Meter reading corrected; the new bill comes in 3 days.';
  const answered = await rt.rest('POST', `/ticket/${rtId}/correspond`, { Content: reply, ContentType: 'text/plain', Status: 'resolved' });
  t.equal(answered.status, 201, JSON.stringify(answered.json));

  const resolved = await until('resolved at the kiosk', async () => {
    const v = await status(made.reference);
    return v.central?.status === 'resolved' ? v : undefined;
  });
  t.equal(resolved.central.note, reply, "the staff's reply is the consumer's note");
  t.equal(resolved.central.ticket, (await until('kiosk ticket', async () => (await status(made.reference)).central.ticket)));
  const waiting = await until('waiting on consumer at the kiosk', async () => {
    const v = await status(supply.reference);
    return v.central?.status === 'waiting-on-consumer' ? v : undefined;
  });
  t.equal(waiting.central.note, undefined, 'no reply, no note');

  t.same(await ticketsFor(rt, made.reference), [rtId], 'still exactly one ticket');
  t.same(await ticketsFor(rt, supply.reference), [supplyId]);
  const health = await helpdeskHealth(central.url);
  t.match(health, { state: 'ok', pending: 0 });
});


// Central SIGKILLed after Request Tracker created the ticket and before
// central recorded RT's answer: after the restart central finds the ticket
// by its Reference custom field instead of creating a second one.
import t from 'tap';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startCentralProcess } from '../../helpers/central-process.js';
import { billingComplaint, centralFor, helpdeskHealth, kioskFor, MOBILE, startPreparedRt, submit, ticketsFor, until } from '../../helpers/helpdesk-rt.js';

// RT starts in seconds on an idle machine but takes a minute or more on a
// loaded CI runner; the suite-wide 240 s is too tight for a whole file here.
t.setTimeout(480_000);
const rt = await startPreparedRt(t);

t.test('central killed between RT creating the ticket and central recording it: no duplicate', async (t) => {
  // A pass-through proxy in front of RT that, on the ticket creation, waits
  // for RT's answer, SIGKILLs central, and only then drops the connection.
  let mode: 'kill' | 'pass' = 'kill';
  let victim: { kill(signal: NodeJS.Signals): Promise<void> } | undefined;
  let killedAfter: string | undefined;
  const proxy = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const upstream = await fetch(`${rt.url}${req.url}`, {
          method: req.method!,
          headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => ['authorization', 'content-type', 'accept'].includes(k)) as Array<[string, string]>),
          ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
        });
        const text = await upstream.text();
        if (mode === 'kill' && req.method === 'POST' && req.url === '/REST/2.0/ticket' && upstream.status === 201 && victim) {
          killedAfter = (JSON.parse(text) as { id: string }).id;
          await victim.kill('SIGKILL');
          res.socket?.destroy();
          return;
        }
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      } catch {
        res.socket?.destroy();
      }
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  t.teardown(() => new Promise<void>((r) => proxy.close(() => r())));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;

  const s = centralFor(rt, 'TSC', proxyUrl);
  const first = await startCentralProcess(t, s.configFile);
  victim = first;
  const kiosk = await kioskFor(t, s, first.url);
  const made = await submit(kiosk, billingComplaint);

  const code = await first.exited;
  t.equal(code, null, 'central was killed (by signal)');
  t.ok(killedAfter, 'after RT created the ticket');
  const db = new Database(path.join(s.dir, 'central.sqlite'), { readonly: true });
  const row = db.prepare(`SELECT h.state, h.external_id FROM helpdesk_handovers h JOIN tickets t ON t.id = h.ticket_id WHERE t.reference = ?`).get(made.reference);
  db.close();
  t.same(row, { state: 'attempted', external_id: null }, 'central had not recorded the ticket');
  t.same(await ticketsFor(rt, made.reference), [killedAfter], 'RT holds it once');

  mode = 'pass';
  const second = await startCentralProcess(t, s.configFile, first.port);
  await until('the hand-over finished after the restart', async () => {
    const h = await helpdeskHealth(second.url);
    return h.state === 'ok' && h.pending === 0 ? true : undefined;
  });
  t.same(await ticketsFor(rt, made.reference), [killedAfter], 'still exactly one RT ticket');
  t.match(second.output(), /"event":"helpdesk-ticket-found"/, 'found by its Reference, not created again');
  const db2 = new Database(path.join(s.dir, 'central.sqlite'), { readonly: true });
  t.same(db2.prepare(`SELECT h.state, h.external_id FROM helpdesk_handovers h JOIN tickets t ON t.id = h.ticket_id WHERE t.reference = ?`).get(made.reference), { state: 'done', external_id: killedAfter });
  db2.close();
  // The kiosk's own hand-over to central survived the kill too.
  await until('the kiosk has its central ticket', async () => {
    const v = (await kiosk.app.inject({ method: 'GET', url: `/api/requests/${made.reference}?mobile=${MOBILE}` })).json();
    return v.central?.state === 'synced' ? true : undefined;
  });
});

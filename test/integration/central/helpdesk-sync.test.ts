// The hand-over loop against a scripted help desk (a test double of the
// connector interface) and central's real SQLite tables: search before
// creating after an uncertain attempt, one refused ticket does not hold up
// the others, an unreachable help desk is reported and loses nothing, and
// staff changes land in the ticket history once.
import t from 'tap';
import { pino } from 'pino';
import { openDatabase } from '../../../central/db/database.js';
import { TicketService } from '../../../central/intake/tickets.js';
import { HelpDeskSync } from '../../../central/helpdesk/sync.js';
import { HelpDeskError, type ChangesPage, type ExternalTicket, type HelpDesk, type HelpDeskTicket, type TicketChange } from '../../../central/helpdesk/types.js';
import type { RequestIntake } from '../../../protocol/requests.js';

class ScriptedHelpDesk implements HelpDesk {
  readonly kind = 'rt' as const;
  readonly describe = 'scripted help desk';
  tickets = new Map<string, string>(); // reference → id
  calls: string[] = [];
  down: HelpDeskError | null = null;
  /** the next create reaches the help desk but its answer is lost */
  loseNextAnswer = false;
  refuse = new Set<string>();
  changes: TicketChange[] = [];
  problemList: string[] = [];

  async problems(): Promise<string[]> {
    if (this.down) throw this.down;
    return this.problemList;
  }
  async createTicket(ticket: HelpDeskTicket): Promise<ExternalTicket> {
    this.calls.push(`create ${ticket.reference}`);
    if (this.down) throw this.down;
    if (this.refuse.has(ticket.reference)) throw new HelpDeskError(`no queue for ${ticket.circle}`, 'refused', 400);
    const id = String(100 + this.tickets.size);
    this.tickets.set(ticket.reference, id);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new HelpDeskError('no answer within 5000 ms', 'timeout');
    }
    return { id };
  }
  async findByReference(reference: string): Promise<ExternalTicket | null> {
    this.calls.push(`find ${reference}`);
    if (this.down) throw this.down;
    const id = this.tickets.get(reference);
    return id ? { id } : null;
  }
  async changesSince(cursor: string | null): Promise<ChangesPage> {
    if (this.down) throw this.down;
    const from = cursor ? Number(cursor) : 0;
    return { changes: this.changes.slice(from), cursor: String(this.changes.length), more: false };
  }
}

const intake = (n: number): RequestIntake => ({
  reference: `KE-DLS-261201-${String(n).padStart(5, '0')}`,
  service: 'billing-complaint',
  mobile: '9876543210',
  account: '1234567890',
  fields: { type: 'wrong-reading' },
  createdAt: '2026-12-01T04:30:00.000Z',
  dueBy: '2026-12-08T04:30:00.000Z',
});

function world(t: { teardown(fn: () => void): void }) {
  const db = openDatabase(':memory:');
  t.teardown(() => db.close());
  let clock = Date.parse('2026-12-01T05:00:00.000Z');
  const now = () => new Date(clock);
  const tickets = new TicketService(db, now);
  const helpdesk = new ScriptedHelpDesk();
  const sync = new HelpDeskSync({
    db,
    tickets,
    helpdesk,
    content: (row) => ({ reference: row.body.reference, centralTicket: row.centralTicket, kioskId: row.kioskId, circle: 'circle-3', subject: 's', body: 'b', customFields: { Reference: row.body.reference }, dueBy: row.body.dueBy }),
    now,
    log: pino({ level: 'silent' }),
    pollMs: 1000,
    backoff: { baseMs: 1000, maxMs: 5000 },
  });
  const state = (n: number) => db.prepare(`SELECT h.state, h.external_id AS external, h.attempts FROM helpdesk_handovers h JOIN tickets t ON t.id = h.ticket_id WHERE t.reference = ?`).get(intake(n).reference) as { state: string; external: string | null; attempts: number } | undefined;
  return { db, tickets, helpdesk, sync, state, advance: (s: number) => (clock += s * 1000) };
}

t.test('each new ticket is queued in the intake transaction and created once', async (t) => {
  const w = world(t);
  w.tickets.submit('KE-DLS-01', intake(1));
  w.tickets.submit('KE-DLS-01', intake(1)); // a kiosk's repeat
  t.same(w.state(1), { state: 'pending', external: null, attempts: 0 });
  await w.sync.runOnce();
  t.same(w.state(1), { state: 'done', external: '100', attempts: 1 });
  t.same(w.helpdesk.calls, ['create KE-DLS-261201-00001'], 'no search needed on a first attempt');
  await w.sync.runOnce();
  t.equal(w.helpdesk.calls.length, 1, 'nothing more to do');
  t.match(w.sync.health(), { state: 'ok', pending: 0, refused: 0 });
});

t.test('an answer lost after the help desk created the ticket: found, not created again', async (t) => {
  const w = world(t);
  w.helpdesk.loseNextAnswer = true;
  w.tickets.submit('KE-DLS-01', intake(1));
  await w.sync.runOnce();
  t.same(w.state(1), { state: 'attempted', external: null, attempts: 1 });
  t.match(w.sync.health(), { state: 'unreachable', pending: 1, error: /no answer/ });
  await w.sync.runOnce();
  t.same(w.state(1), { state: 'done', external: '100', attempts: 1 });
  t.same(w.helpdesk.calls, ['create KE-DLS-261201-00001', 'find KE-DLS-261201-00001']);
  t.equal(w.helpdesk.tickets.size, 1);
});

t.test('unreachable: nothing lost, created when it returns', async (t) => {
  const w = world(t);
  w.helpdesk.down = new HelpDeskError('GET http://rt/REST/2.0/…: connect ECONNREFUSED', 'unreachable');
  for (let n = 1; n <= 3; n++) w.tickets.submit('KE-DLS-01', intake(n));
  await w.sync.runOnce();
  w.advance(60);
  await w.sync.runOnce();
  const h = w.sync.health();
  t.match(h, { state: 'unreachable', pending: 3, oldestPendingAt: '2026-12-01T05:00:00.000Z', error: /ECONNREFUSED/ });
  t.equal(h.since, '2026-12-01T05:00:00.000Z', 'unreachable since the first failure');
  w.helpdesk.down = null;
  await w.sync.runOnce();
  t.match(w.sync.health(), { state: 'ok', pending: 0 });
  t.equal(w.helpdesk.tickets.size, 3);
  t.equal(w.helpdesk.calls.filter((c) => c.startsWith('create')).length, 3, 'nothing tried while down (the set-up check fails first), then one create each');
});

t.test('a ticket the help desk refuses does not hold up the others', async (t) => {
  const w = world(t);
  w.helpdesk.refuse.add(intake(1).reference);
  w.tickets.submit('KE-DLS-01', intake(1));
  w.tickets.submit('KE-DLS-01', intake(2));
  await w.sync.runOnce();
  t.equal(w.state(1)!.state, 'attempted');
  t.equal(w.state(2)!.state, 'done');
  t.match(w.sync.health(), { state: 'ok', pending: 1, refused: 1 });
  w.helpdesk.refuse.clear();
  await w.sync.runOnce();
  t.same(w.helpdesk.calls.slice(-2), ['find KE-DLS-261201-00001', 'create KE-DLS-261201-00001'], 'searched first, then created');
  t.match(w.sync.health(), { pending: 0, refused: 0 });
});

t.test('a help desk without its queues or fields is "not set up" and gets nothing', async (t) => {
  const w = world(t);
  w.helpdesk.problemList = ['RT has no ticket custom field "Reference": run npm run helpdesk:setup'];
  w.tickets.submit('KE-DLS-01', intake(1));
  await w.sync.runOnce();
  t.match(w.sync.health(), { state: 'not-set-up', pending: 1, error: /helpdesk:setup/ });
  t.same(w.helpdesk.calls, []);
  w.helpdesk.problemList = [];
  await w.sync.runOnce();
  t.match(w.sync.health(), { state: 'ok', pending: 0 });
});

t.test('staff changes land once in the ticket history, with the reply as note', async (t) => {
  const w = world(t);
  w.tickets.submit('KE-DLS-01', intake(1));
  await w.sync.runOnce();
  w.helpdesk.changes.push(
    { externalId: '100', reference: intake(1).reference, status: 'in-progress', at: '2026-12-01T06:00:00.000Z' },
    { externalId: '100', reference: intake(1).reference, status: 'waiting-on-consumer', note: 'Please bring the last paid bill.', at: '2026-12-01T07:00:00.000Z' },
  );
  await w.sync.runOnce();
  await w.sync.runOnce();
  // A help desk that sends the same state again (a page read twice) adds nothing.
  w.helpdesk.changes.push({ externalId: '100', reference: intake(1).reference, status: 'waiting-on-consumer', note: 'Please bring the last paid bill.', at: '2026-12-01T07:00:01.000Z' });
  await w.sync.runOnce();
  // Reopened after being resolved: the help desk is the truth.
  w.helpdesk.changes.push(
    { externalId: '100', reference: intake(1).reference, status: 'resolved', note: 'Bill corrected.', at: '2026-12-01T08:00:00.000Z' },
    { externalId: '100', reference: intake(1).reference, status: 'in-progress', at: '2026-12-01T09:00:00.000Z' },
  );
  await w.sync.runOnce();
  const status = w.tickets.get('KE-DLS-01', intake(1).reference)!;
  t.equal(status.status, 'in-progress');
  t.same(status.history.map((h) => [h.status, h.note ?? null]), [
    ['received', null], ['in-progress', null], ['waiting-on-consumer', 'Please bring the last paid bill.'], ['resolved', 'Bill corrected.'], ['in-progress', null],
  ]);
  const updates = w.tickets.updates('KE-DLS-01', 0, 50);
  t.same(updates.updates.map((u) => u.status), ['received', 'in-progress', 'waiting-on-consumer', 'resolved', 'in-progress'], 'the kiosk pulls them');
  t.equal((w.db.prepare(`SELECT cursor FROM helpdesk_cursor`).get() as { cursor: string }).cursor, '5');
});

t.test('a change for a ticket central had not recorded yet completes the hand-over', async (t) => {
  const w = world(t);
  w.helpdesk.loseNextAnswer = true;
  w.tickets.submit('KE-DLS-01', intake(1));
  await w.sync.runOnce();
  t.equal(w.state(1)!.state, 'attempted');
  // Staff resolve it before central's next round gets to the search.
  w.helpdesk.changes.push({ externalId: '100', reference: intake(1).reference, status: 'resolved', note: 'Done.', at: '2026-12-01T06:00:00.000Z' });
  // Only the change read happens here: the found ticket is recorded from it.
  w.helpdesk.down = null;
  await w.sync.runOnce();
  t.same(w.state(1), { state: 'done', external: '100', attempts: 1 });
  t.equal(w.tickets.get('KE-DLS-01', intake(1).reference)!.status, 'resolved');
  t.equal(w.helpdesk.tickets.size, 1);
});

t.test('open tickets taken in before the help desk was configured are handed over at start', async (t) => {
  const db = openDatabase(':memory:');
  t.teardown(() => db.close());
  const now = () => new Date('2026-12-01T05:00:00.000Z');
  // Central ran with the built-in help desk: no hand-over queued.
  const before = new TicketService(db, now);
  before.submit('KE-DLS-01', intake(1));
  before.submit('KE-DLS-01', intake(2));
  t.equal(before.setStatus('KE-DLS-01', intake(2).reference, 'resolved', 'done at the counter').ok, true);
  // Restarted with RT.
  const tickets = new TicketService(db, now);
  const helpdesk = new ScriptedHelpDesk();
  const sync = new HelpDeskSync({
    db, tickets, helpdesk, now, log: pino({ level: 'silent' }), pollMs: 60_000, backoff: { baseMs: 1000, maxMs: 5000 },
    content: (row) => ({ reference: row.body.reference, centralTicket: row.centralTicket, kioskId: row.kioskId, circle: 'circle-3', subject: 's', body: 'b', customFields: {}, dueBy: row.body.dueBy }),
  });
  sync.start();
  await sync.stop();
  t.equal(sync.health().pending, 1, 'the open one, not the resolved one');
  await sync.runOnce();
  t.same([...helpdesk.tickets.keys()], [intake(1).reference]);
  sync.start();
  await sync.stop();
  t.equal(sync.health().pending, 0, 'a second start queues nothing again');
});

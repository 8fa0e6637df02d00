// Hands central's tickets to an outside help desk exactly once and reads
// the staff's status changes back.
//
// Exactly once, although RT has no idempotency key:
//   1. the intake transaction queues the ticket (helpdesk_handovers, 'pending');
//   2. before calling RT, central commits 'attempted' (and counts the attempt);
//   3. when RT answers, central commits 'done' with RT's ticket id.
// A crash or timeout between 2 and 3 leaves 'attempted': the next round
// searches RT by the Reference custom field and creates only if nothing is
// there. Nothing is lost while RT is away: rows stay queued and the round
// retries with backoff; the fleet page shows the help desk's state.
import type { Logger } from 'pino';
import { backoffDelayMs, type BackoffPolicy } from '../../controller/central-link/backoff.js';
import type { Db } from '../db/database.js';
import { ticketNumber, type TicketService } from '../intake/tickets.js';
import type { RequestIntake } from '../../protocol/requests.js';
import { HelpDeskError, type HelpDesk, type HelpDeskTicket, type TicketChange } from './types.js';

export interface HelpDeskHealth {
  kind: HelpDesk['kind'];
  describe: string;
  /** ok: the last round reached the help desk; unreachable / not-set-up: it did not, and why */
  state: 'starting' | 'ok' | 'unreachable' | 'not-set-up';
  since: string;
  lastContactAt?: string;
  error?: string;
  /** tickets central holds that the help desk does not have yet */
  pending: number;
  oldestPendingAt?: string;
  /** tickets the help desk refused (named in error) and that are retried */
  refused: number;
}

export interface HelpDeskSyncOptions {
  db: Db;
  tickets: TicketService;
  helpdesk: HelpDesk & { problems?(signal?: AbortSignal): Promise<string[]> };
  /** what the ticket says, from central's stored request */
  content: (row: { ticketId: number; centralTicket: string; kioskId: string; body: RequestIntake }) => HelpDeskTicket;
  now: () => Date;
  log: Logger;
  pollMs: number;
  backoff: BackoffPolicy;
  random?: () => number;
}

interface QueuedRow {
  ticket_id: number;
  state: 'pending' | 'attempted';
  kiosk_id: string;
  reference: string;
  body: string;
  epoch: string | null;
}

/** how many tickets one round hands over before it reads changes again */
const BATCH = 50;
/** change pages one round reads at most (100 transactions each) */
const MAX_PAGES = 20;

export class HelpDeskSync {
  private readonly s;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private rerun = false;
  private failures = 0;
  private checked = false;
  private abort = new AbortController();
  private status: Pick<HelpDeskHealth, 'state' | 'since' | 'lastContactAt' | 'error'>;

  constructor(private readonly o: HelpDeskSyncOptions) {
    const db = o.db;
    this.s = {
      queue: db.prepare(`INSERT OR IGNORE INTO helpdesk_handovers (ticket_id, state, queued_at, updated_at) VALUES (?, 'pending', ?, ?)`),
      // Open tickets taken in while central ran with the built-in help desk.
      backfill: db.prepare(`INSERT OR IGNORE INTO helpdesk_handovers (ticket_id, state, queued_at, updated_at)
                            SELECT id, 'pending', received_at, ? FROM tickets WHERE status NOT IN ('resolved', 'rejected')`),
      open: db.prepare(`SELECT h.ticket_id, h.state, t.kiosk_id, t.reference, t.body, t.epoch FROM helpdesk_handovers h JOIN tickets t ON t.id = h.ticket_id
                        WHERE h.state <> 'done' AND h.ticket_id > ? ORDER BY h.ticket_id LIMIT ?`),
      attempted: db.prepare(`UPDATE helpdesk_handovers SET state = 'attempted', attempts = attempts + 1, updated_at = ? WHERE ticket_id = ?`),
      done: db.prepare(`UPDATE helpdesk_handovers SET state = 'done', external_id = ?, external_url = ?, last_error = NULL, updated_at = ? WHERE ticket_id = ?`),
      refused: db.prepare(`UPDATE helpdesk_handovers SET last_error = ?, updated_at = ? WHERE ticket_id = ?`),
      byExternal: db.prepare(`SELECT ticket_id FROM helpdesk_handovers WHERE external_id = ?`),
      openByReference: db.prepare(`SELECT h.ticket_id FROM helpdesk_handovers h JOIN tickets t ON t.id = h.ticket_id WHERE t.reference = ? AND h.state <> 'done'`),
      counts: db.prepare(`SELECT COUNT(*) AS pending, MIN(queued_at) AS oldest, COUNT(last_error) AS refused FROM helpdesk_handovers WHERE state <> 'done'`),
      cursor: db.prepare(`SELECT cursor FROM helpdesk_cursor WHERE helpdesk = ?`),
      setCursor: db.prepare(`INSERT INTO helpdesk_cursor (helpdesk, cursor) VALUES (?, ?) ON CONFLICT (helpdesk) DO UPDATE SET cursor = excluded.cursor`),
    };
    this.status = { state: 'starting', since: o.now().toISOString() };
    // Queued in the intake transaction: a ticket central answered for is never missing here.
    o.tickets.onTicketCreated((ticketId, at) => {
      this.s.queue.run(ticketId, at, at);
      setImmediate(() => this.kick());
    });
  }

  start(): void {
    if (!this.stopped) return;
    const queued = this.s.backfill.run(this.o.now().toISOString()).changes;
    if (queued > 0) this.o.log.info({ event: 'helpdesk-backfill', tickets: queued }, `${queued} open tickets from before the help desk queued for hand-over`);
    this.stopped = false;
    this.abort = new AbortController();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await this.running;
  }

  /** A new ticket: hand it over now rather than at the next poll (unless backing off). */
  kick(): void {
    if (this.stopped || this.failures > 0) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.schedule(0);
  }

  health(): HelpDeskHealth {
    const c = this.s.counts.get() as { pending: number; oldest: string | null; refused: number };
    return {
      kind: this.o.helpdesk.kind,
      describe: this.o.helpdesk.describe,
      ...this.status,
      pending: c.pending,
      ...(c.oldest ? { oldestPendingAt: c.oldest } : {}),
      refused: c.refused,
    };
  }

  /** One round now; resolves when it is over (tests, and the first round at start). */
  async runOnce(): Promise<void> {
    if (this.running) await this.running;
    this.running = this.round().finally(() => { this.running = undefined; });
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.running) return;
      this.running = this.round().finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        const again = this.rerun;
        this.rerun = false;
        this.schedule(this.failures > 0 ? backoffDelayMs(this.failures, this.o.backoff, this.o.random ?? Math.random) : again ? 0 : this.o.pollMs);
      });
    }, ms);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    const signal = this.abort.signal;
    try {
      if (!this.checked && this.o.helpdesk.problems) {
        const problems = await this.o.helpdesk.problems(signal);
        if (problems.length > 0) throw new HelpDeskError(problems.join('; '), 'refused');
        this.checked = true;
      }
      await this.handOver(signal);
      await this.readChanges(signal);
      this.contact(null);
    } catch (err) {
      if (signal.aborted) return;
      this.contact(err as Error);
    }
  }

  private contact(err: Error | null): void {
    const at = this.o.now().toISOString();
    if (!err) {
      if (this.status.state !== 'ok') this.o.log.info({ event: 'helpdesk-reachable', helpdesk: this.o.helpdesk.describe, after: this.failures }, 'help desk reachable');
      this.failures = 0;
      this.status = { state: 'ok', since: this.status.state === 'ok' ? this.status.since : at, lastContactAt: at };
      return;
    }
    this.failures++;
    const state = err instanceof HelpDeskError && err.kind === 'refused' && !this.checked ? 'not-set-up' : 'unreachable';
    if (this.status.state !== state || this.status.error !== err.message) {
      this.o.log.warn({ event: 'helpdesk-unreachable', helpdesk: this.o.helpdesk.describe, state, error: err.message }, `help desk ${state}: ${err.message}`);
    }
    this.status = {
      state,
      since: this.status.state === state ? this.status.since : at,
      ...(this.status.lastContactAt ? { lastContactAt: this.status.lastContactAt } : {}),
      error: err.message,
    };
  }

  private async handOver(signal: AbortSignal): Promise<void> {
    let after = 0;
    for (;;) {
      const rows = this.s.open.all(after, BATCH) as QueuedRow[];
      if (rows.length === 0) return;
      for (const row of rows) {
        after = row.ticket_id;
        await this.handOverOne(row, signal);
      }
    }
  }

  private async handOverOne(row: QueuedRow, signal: AbortSignal): Promise<void> {
    const hd = this.o.helpdesk;
    const centralTicket = ticketNumber(row.ticket_id, row.epoch);
    try {
      // An earlier attempt may have reached the help desk: look before creating.
      let found = row.state === 'attempted' ? await hd.findByReference(row.reference, signal) : null;
      let how: 'found' | 'created' = 'found';
      if (!found) {
        const content = this.o.content({ ticketId: row.ticket_id, centralTicket, kioskId: row.kiosk_id, body: JSON.parse(row.body) as RequestIntake });
        this.s.attempted.run(this.o.now().toISOString(), row.ticket_id);
        found = await hd.createTicket(content, signal);
        how = 'created';
      }
      this.s.done.run(found.id, found.url ?? null, this.o.now().toISOString(), row.ticket_id);
      this.o.log.info({ event: `helpdesk-ticket-${how}`, reference: row.reference, ticket: centralTicket, external: found.id }, `${row.reference} is help-desk ticket ${found.id} (${how})`);
    } catch (err) {
      // Refused: this ticket only (a circle without a queue); the others go on.
      if (err instanceof HelpDeskError && err.kind === 'refused') {
        this.s.refused.run(err.message, this.o.now().toISOString(), row.ticket_id);
        this.o.log.warn({ event: 'helpdesk-ticket-refused', reference: row.reference, error: err.message }, `help desk refused ${row.reference}`);
        return;
      }
      throw err;
    }
  }

  private async readChanges(signal: AbortSignal): Promise<void> {
    const key = this.o.helpdesk.kind;
    for (let page = 0; page < MAX_PAGES; page++) {
      const cursor = (this.s.cursor.get(key) as { cursor: string } | undefined)?.cursor ?? null;
      const result = await this.o.helpdesk.changesSince(cursor, signal);
      this.o.db.transaction(() => {
        for (const change of result.changes) this.apply(change);
        if (result.cursor !== null && result.cursor !== cursor) this.s.setCursor.run(key, result.cursor);
      })();
      if (!result.more) return;
    }
  }

  private apply(change: TicketChange): void {
    let row = this.s.byExternal.get(change.externalId) as { ticket_id: number } | undefined;
    if (!row) {
      // Created in the help desk but not yet recorded here (central stopped
      // before RT's answer was committed): the change proves the ticket exists.
      row = this.s.openByReference.get(change.reference) as { ticket_id: number } | undefined;
      if (!row) return; // not one of central's tickets
      this.s.done.run(change.externalId, null, this.o.now().toISOString(), row.ticket_id);
    }
    if (this.o.tickets.applyHelpDeskChange(row.ticket_id, change.status, change.note, change.at)) {
      this.o.log.info({ event: 'helpdesk-status-changed', reference: change.reference, status: change.status, external: change.externalId }, `${change.reference} is ${change.status} in the help desk`);
    }
  }
}

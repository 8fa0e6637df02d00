// Request intake with the kiosk reference as idempotency key: one ticket per
// (kiosk, reference), the same answer on a repeat, a refusal on a conflict.
import type { Db } from '../db/database.js';
import type { RequestAccepted, RequestIntake, RequestLookupReply, RequestStatusReply, RequestUpdatesReply, TicketStatus } from '../../protocol/requests.js';
import { bodyHash } from './canonical.js';

export type SubmitResult =
  | { kind: 'created'; reply: RequestAccepted }
  | { kind: 'repeat'; reply: RequestAccepted }
  | { kind: 'conflict'; message: string };

interface TicketRow {
  id: number;
  /** the database epoch the ticket was created in; null before epochs existed */
  epoch: string | null;
  kiosk_id: string;
  reference: string;
  body_hash: string;
  service: string;
  status: TicketStatus;
  received_at: string;
}

/**
 * The help-desk number of a ticket: its row id within the database epoch it
 * was created in, so a wiped or restored database never hands out a number
 * that already names another request. Tickets from before epochs keep theirs.
 */
export function ticketNumber(id: number, epoch: string | null): string {
  const n = String(id).padStart(6, '0');
  return epoch ? `HD-${epoch}-${n}` : `HD-${n}`;
}

/** Status changes a help desk may make; a closed ticket stays closed. */
const allowed: Record<TicketStatus, TicketStatus[]> = {
  received: ['assigned', 'in-progress', 'waiting-on-consumer', 'resolved', 'rejected'],
  assigned: ['in-progress', 'waiting-on-consumer', 'resolved', 'rejected'],
  'in-progress': ['waiting-on-consumer', 'resolved', 'rejected'],
  'waiting-on-consumer': ['in-progress', 'resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

/** Called inside the intake transaction, so what it writes commits with the ticket or not at all. */
export type OnTicketCreated = (ticketId: number, at: string) => void;

export class TicketService {
  private readonly s;
  private readonly onCreated: OnTicketCreated[] = [];

  constructor(private readonly db: Db, private readonly now: () => Date, private readonly epoch: string | null = null, private readonly onWrite: () => void = () => undefined) {
    this.s = {
      byId: db.prepare(`SELECT * FROM tickets WHERE id = ?`),
      lastHistory: db.prepare(`SELECT status, note FROM ticket_history WHERE ticket_id = ? ORDER BY id DESC LIMIT 1`),
      byRef: db.prepare(`SELECT * FROM tickets WHERE kiosk_id = ? AND reference = ?`),
      byRefAnyKiosk: db.prepare(`SELECT * FROM tickets WHERE reference = ?`),
      insert: db.prepare(`INSERT INTO tickets (kiosk_id, reference, body_hash, service, body, substation, status, received_at, epoch) VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?)`),
      history: db.prepare(`INSERT INTO ticket_history (ticket_id, at, status, note) VALUES (?, ?, ?, ?)`),
      historyOf: db.prepare(`SELECT status, at, note FROM ticket_history WHERE ticket_id = ? ORDER BY id`),
      setStatus: db.prepare(`UPDATE tickets SET status = ? WHERE id = ?`),
      updates: db.prepare(`SELECT h.id AS cursor, t.reference, t.id AS ticket_id, t.epoch, h.status, h.at FROM ticket_history h JOIN tickets t ON t.id = h.ticket_id
                           WHERE t.kiosk_id = ? AND h.id > ? ORDER BY h.id LIMIT ?`),
      countByKiosk: db.prepare(`SELECT kiosk_id, COUNT(*) AS n FROM tickets GROUP BY kiosk_id`),
      // The intake body is kept as sent; a guard's help is read from it rather than from a column of its own.
      countGuardAssisted: db.prepare(`SELECT kiosk_id, COUNT(*) AS n FROM tickets WHERE json_extract(body, '$.guardAssisted') = 1 GROUP BY kiosk_id`),
      countBySubstation: db.prepare(`SELECT substation, COUNT(*) AS n FROM tickets WHERE substation IS NOT NULL GROUP BY substation`),
      countAll: db.prepare(`SELECT COUNT(*) AS n FROM tickets`),
    };
  }

  submit(kioskId: string, body: RequestIntake): SubmitResult {
    const hash = bodyHash(body);
    const result = this.db.transaction((): SubmitResult => {
      const existing = this.s.byRef.get(kioskId, body.reference) as TicketRow | undefined;
      if (existing) {
        if (existing.body_hash !== hash) {
          return { kind: 'conflict', message: `reference ${body.reference} already holds ticket ${ticketNumber(existing.id, existing.epoch)} with a different body` };
        }
        // The first answer, not the current status: a repeat must read exactly like the original reply.
        return { kind: 'repeat', reply: { reference: existing.reference, ticket: ticketNumber(existing.id, existing.epoch), status: 'received', receivedAt: existing.received_at } };
      }
      const at = this.now().toISOString();
      const substation = typeof body.fields.substation === 'string' ? body.fields.substation : null;
      const info = this.s.insert.run(kioskId, body.reference, hash, body.service, JSON.stringify(body), substation, at, this.epoch);
      const id = Number(info.lastInsertRowid);
      this.s.history.run(id, at, 'received', null);
      for (const hook of this.onCreated) hook(id, at);
      return { kind: 'created', reply: { reference: body.reference, ticket: ticketNumber(id, this.epoch), status: 'received', receivedAt: at } };
    })();
    if (result.kind === 'created') this.onWrite();
    return result;
  }

  get(kioskId: string, reference: string): RequestStatusReply | undefined {
    const row = this.s.byRef.get(kioskId, reference) as TicketRow | undefined;
    if (!row) return undefined;
    const history = (this.s.historyOf.all(row.id) as Array<{ status: TicketStatus; at: string; note: string | null }>)
      .map((h) => ({ status: h.status, at: h.at, ...(h.note ? { note: h.note } : {}) }));
    return { reference: row.reference, ticket: ticketNumber(row.id, row.epoch), service: row.service as RequestStatusReply['service'], status: row.status, history };
  }

  /**
   * A request looked up from any kiosk (a receipt scanned elsewhere). Only
   * the consumer's own mobile finds it, so references cannot be enumerated.
   */
  lookup(reference: string, mobile: string): RequestLookupReply | undefined {
    const rows = this.s.byRefAnyKiosk.all(reference) as Array<TicketRow & { body: string }>;
    for (const row of rows) {
      const body = JSON.parse(row.body) as RequestIntake;
      if (body.mobile !== mobile) continue;
      const status = this.get(row.kiosk_id, row.reference)!;
      return { ...status, kioskId: row.kiosk_id, createdAt: body.createdAt, dueBy: body.dueBy };
    }
    return undefined;
  }

  setStatus(kioskId: string, reference: string, status: TicketStatus, note?: string): { ok: true; reply: RequestStatusReply } | { ok: false; code: 'not-found' | 'bad-transition'; message: string } {
    const result = this.db.transaction(() => {
      const row = this.s.byRef.get(kioskId, reference) as TicketRow | undefined;
      if (!row) return { ok: false as const, code: 'not-found' as const, message: `no ticket for ${kioskId} ${reference}` };
      if (!allowed[row.status].includes(status)) {
        return { ok: false as const, code: 'bad-transition' as const, message: `ticket ${ticketNumber(row.id, row.epoch)} is ${row.status}; cannot become ${status}` };
      }
      this.s.setStatus.run(status, row.id);
      this.s.history.run(row.id, this.now().toISOString(), status, note ?? null);
      return { ok: true as const, reply: this.get(kioskId, reference)! };
    })();
    if (result.ok) this.onWrite();
    return result;
  }

  /** Central's ticket number for a reference, whichever kiosk it came from. */
  ticketOf(reference: string): string | undefined {
    const row = this.s.byRefAnyKiosk.get(reference) as TicketRow | undefined;
    return row ? ticketNumber(row.id, row.epoch) : undefined;
  }

  /** The help desk hand-over (helpdesk/sync.ts) queues each new ticket in the same transaction. */
  onTicketCreated(hook: OnTicketCreated): void {
    this.onCreated.push(hook);
  }

  /**
   * A change staff made in the help desk. The help desk is the truth, so no
   * transition check (staff may reopen a resolved ticket); history grows only
   * when the status or the consumer-facing note really changed.
   */
  applyHelpDeskChange(ticketId: number, status: TicketStatus, note: string | undefined, at: string): boolean {
    const changed = this.db.transaction(() => {
      const row = this.s.byId.get(ticketId) as TicketRow | undefined;
      if (!row) return false;
      const last = this.s.lastHistory.get(ticketId) as { status: TicketStatus; note: string | null } | undefined;
      if (row.status === status && (note === undefined || (last?.note ?? undefined) === note)) return false;
      if (row.status !== status) this.s.setStatus.run(status, ticketId);
      this.s.history.run(ticketId, at, status, note ?? null);
      return true;
    })();
    if (changed) this.onWrite();
    return changed;
  }

  updates(kioskId: string, after: number, limit: number): RequestUpdatesReply {
    const rows = this.s.updates.all(kioskId, after, limit) as Array<{ cursor: number; reference: string; ticket_id: number; epoch: string | null; status: TicketStatus; at: string }>;
    return {
      updates: rows.map((r) => ({ cursor: r.cursor, reference: r.reference, ticket: ticketNumber(r.ticket_id, r.epoch), status: r.status, at: r.at })),
      nextCursor: rows.length > 0 ? rows[rows.length - 1]!.cursor : after,
    };
  }

  counts(): { total: number; byKiosk: Map<string, number>; guardAssistedByKiosk: Map<string, number>; bySubstation: Map<string, number> } {
    return {
      total: (this.s.countAll.get() as { n: number }).n,
      byKiosk: new Map((this.s.countByKiosk.all() as Array<{ kiosk_id: string; n: number }>).map((r) => [r.kiosk_id, r.n])),
      guardAssistedByKiosk: new Map((this.s.countGuardAssisted.all() as Array<{ kiosk_id: string; n: number }>).map((r) => [r.kiosk_id, r.n])),
      bySubstation: new Map((this.s.countBySubstation.all() as Array<{ substation: string; n: number }>).map((r) => [r.substation, r.n])),
    };
  }
}

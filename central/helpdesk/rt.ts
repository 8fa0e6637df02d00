// The Request Tracker 5 connector, over REST2 (built into RT 5 at /REST/2.0).
//
// - create: POST /ticket in the circle's queue with subject, body, Due and the
//   custom fields; RT has no idempotency key, so the caller (sync.ts) looks
//   the Reference up first whenever an earlier attempt may have reached RT.
// - find: a TicketSQL search on the Reference custom field.
// - changes: a TransactionSQL search for status changes and replies after a
//   transaction id (RT's ids only grow, so the cursor needs no clock), then
//   the ticket's current status and the text of its newest reply.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { maskMobilesInText } from '../../controller/log/mask.js';
import { RtHttp, type RtHttpOptions } from './rt-http.js';
import { kioskStatusOf } from './status-map.js';
import { HelpDeskError, type ChangesPage, type ExternalTicket, type HelpDesk, type HelpDeskTicket, type TicketChange } from './types.js';

const Id = Type.Union([Type.String({ pattern: '^\\d+$' }), Type.Integer({ minimum: 1 })]);
const Created = Type.Object({ id: Id });
const Search = Type.Object({ items: Type.Array(Type.Object({ id: Id })), total: Type.Optional(Type.Number()), count: Type.Number() });
const TicketReply = Type.Object({
  id: Id,
  Status: Type.String(),
  LastUpdated: Type.Optional(Type.String()),
  CustomFields: Type.Optional(Type.Array(Type.Object({ name: Type.String(), values: Type.Array(Type.String()) }))),
});
const Transactions = Type.Object({
  items: Type.Array(Type.Object({ id: Id, ObjectId: Id, Type: Type.String(), Created: Type.String() })),
  total: Type.Optional(Type.Number()),
  count: Type.Number(),
});
const AttachmentList = Type.Object({ items: Type.Array(Type.Object({ id: Id, ContentType: Type.Optional(Type.String()) })) });
const Attachment = Type.Object({ Content: Type.String() });

/** a note longer than the kiosk protocol allows is cut at a word */
const NOTE_MAX = 500;
const PAGE = 100;

export interface RtHelpDeskOptions extends RtHttpOptions {
  /** circle id → RT queue name */
  queues: Record<string, string>;
  /** for requests whose circle is unknown or has no queue */
  defaultQueue?: string;
}

function check<T extends TSchema>(schema: T, value: unknown, what: string): Static<T> {
  if (Value.Check(schema, value)) return value;
  const first = [...Value.Errors(schema, value)][0];
  throw new HelpDeskError(`RT answered ${what} with an unexpected shape${first ? `: ${first.path || '/'} ${first.message}` : ''}`, 'bad-reply');
}

/** TicketSQL string literal: RT unescapes backslash and quote */
const sqlString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function noteFromReply(text: string): string | undefined {
  const clean = maskMobilesInText(text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')).trim();
  if (!clean) return undefined;
  if (clean.length <= NOTE_MAX) return clean;
  const cut = clean.slice(0, NOTE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > NOTE_MAX * 0.6 ? cut.slice(0, space) : cut}…`;
}

export class RtHelpDesk implements HelpDesk {
  readonly kind = 'rt' as const;
  readonly describe: string;
  private readonly http: RtHttp;

  constructor(private readonly o: RtHelpDeskOptions) {
    this.http = new RtHttp(o);
    this.describe = `Request Tracker at ${o.url}`;
  }

  queueFor(circle: string | null): string {
    const queue = (circle ? this.o.queues[circle] : undefined) ?? this.o.defaultQueue;
    if (!queue) throw new HelpDeskError(`no RT queue configured for ${circle ?? 'a request without a circle'} (helpdesk.queues / helpdesk.defaultQueue)`, 'refused');
    return queue;
  }

  private ticketUrl(id: string): string {
    return `${this.o.url.replace(/\/+$/, '')}/Ticket/Display.html?id=${id}`;
  }

  async createTicket(t: HelpDeskTicket, signal?: AbortSignal): Promise<ExternalTicket> {
    const reply = check(Created, await this.http.post('/ticket', {
      Queue: this.queueFor(t.circle),
      Subject: t.subject,
      Content: t.body,
      ContentType: 'text/plain',
      // RT reads "YYYY-MM-DDTHH:MM:SSZ" as UTC (RT::Date, format ISO)
      Due: new Date(t.dueBy).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      CustomFields: t.customFields,
    }, signal), 'a ticket creation');
    const id = String(reply.id);
    return { id, url: this.ticketUrl(id) };
  }

  async findByReference(reference: string, signal?: AbortSignal): Promise<ExternalTicket | null> {
    const reply = check(Search, await this.http.get('/tickets', { query: `'CF.{Reference}' = ${sqlString(reference)}`, orderby: 'id', order: 'ASC', per_page: 10 }, signal), 'a ticket search');
    const first = reply.items[0];
    if (!first) return null;
    // Two tickets for one reference can only come from staff copying one by
    // hand; the oldest is the one central handed over.
    const id = String(first.id);
    return { id, url: this.ticketUrl(id) };
  }

  async changesSince(cursor: string | null, signal?: AbortSignal): Promise<ChangesPage> {
    const after = cursor && /^\d+$/.test(cursor) ? cursor : '0';
    const queues = [...new Set([...Object.values(this.o.queues), ...(this.o.defaultQueue ? [this.o.defaultQueue] : [])])];
    const query = `id > ${after} AND ObjectType = 'RT::Ticket' AND (Type = 'Status' OR Type = 'Correspond')`
      + (queues.length ? ` AND (${queues.map((q) => `TicketQueue = ${sqlString(q)}`).join(' OR ')})` : '');
    const page = check(Transactions, await this.http.get('/transactions', { query, fields: 'ObjectId,Type,Created', orderby: 'id', order: 'ASC', per_page: PAGE }, signal), 'a transaction search');
    if (page.items.length === 0) return { changes: [], cursor, more: false };

    // Per ticket: the newest transaction time and the newest reply in this page.
    const touched = new Map<string, { at: string; replyTxn?: string }>();
    for (const txn of page.items) {
      const ticket = String(txn.ObjectId);
      const entry = touched.get(ticket) ?? { at: txn.Created };
      entry.at = txn.Created;
      if (txn.Type === 'Correspond') entry.replyTxn = String(txn.id);
      touched.set(ticket, entry);
    }

    const changes: TicketChange[] = [];
    for (const [ticketId, entry] of touched) {
      const ticket = check(TicketReply, await this.http.get(`/ticket/${ticketId}`, {}, signal), `ticket ${ticketId}`);
      const reference = ticket.CustomFields?.find((cf) => cf.name === 'Reference')?.values[0];
      const status = kioskStatusOf(ticket.Status);
      if (!reference || !status) continue; // not a kiosk ticket, or deleted / a status the kiosk has no word for
      const note = entry.replyTxn ? await this.replyText(entry.replyTxn, signal) : undefined;
      changes.push({ externalId: ticketId, reference, status, ...(note ? { note } : {}), at: new Date(entry.at).toISOString() });
    }
    const last = String(page.items[page.items.length - 1]!.id);
    return { changes, cursor: last, more: (page.total ?? page.count) > page.items.length };
  }

  private async replyText(txnId: string, signal?: AbortSignal): Promise<string | undefined> {
    const list = check(AttachmentList, await this.http.get(`/transaction/${txnId}/attachments`, { fields: 'ContentType', per_page: 20 }, signal), `the attachments of transaction ${txnId}`);
    const part = list.items.find((a) => (a.ContentType ?? '').toLowerCase().startsWith('text/plain'));
    if (!part) return undefined;
    // /attachment/:id is where REST2 promises the content as base64 of the stored bytes.
    const attachment = check(Attachment, await this.http.get(`/attachment/${part.id}`, {}, signal), `attachment ${part.id}`);
    return noteFromReply(Buffer.from(attachment.Content, 'base64').toString('utf8'));
  }

  /** Problems that make hand-over unsafe (a missing Reference field would let duplicates through). */
  async problems(signal?: AbortSignal): Promise<string[]> {
    const problems: string[] = [];
    const cfs = check(Search, await this.http.post('/customfields', [{ field: 'Name', value: 'Reference' }, { field: 'LookupType', value: 'RT::Queue-RT::Ticket' }], signal), 'a custom field search');
    if (cfs.count === 0) problems.push('RT has no ticket custom field "Reference": run npm run helpdesk:setup');
    for (const queue of new Set(Object.values(this.o.queues))) {
      try {
        await this.http.get(`/queue/${encodeURIComponent(queue)}`, {}, signal);
      } catch (err) {
        if (err instanceof HelpDeskError && err.status === 404) problems.push(`RT has no queue "${queue}": run npm run helpdesk:setup`);
        else throw err;
      }
    }
    return problems;
  }
}

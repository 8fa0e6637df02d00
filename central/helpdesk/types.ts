// The connector between central and a help desk. Central keeps its own
// record of every request (intake/tickets.ts); a connector hands each one to
// the help desk where staff work it, finds it again by the kiosk reference,
// and reads the status changes staff make. `rt` talks to Request Tracker 5;
// `builtin` keeps today's behaviour (central's own tables, admin API).
import type { TicketStatus } from '../../protocol/requests.js';

/** What a help desk needs to open a ticket for one kiosk request. */
export interface HelpDeskTicket {
  reference: string;
  /** central's own number, HD-000042 */
  centralTicket: string;
  kioskId: string;
  circle: string | null;
  /** plain-text subject, Hindi and English */
  subject: string;
  /** plain-text body, one field a line */
  body: string;
  /** the help desk's own fields, by name (Reference, Service, …) */
  customFields: Record<string, string>;
  /** when the Rights-of-Consumers timeline says it is due (ISO 8601) */
  dueBy: string;
}

/** A ticket as the help desk names it. */
export interface ExternalTicket {
  id: string;
  /** a link staff can open, when the help desk has one */
  url?: string;
}

/** A status change staff made, mapped to the status a consumer sees. */
export interface TicketChange {
  externalId: string;
  reference: string;
  status: TicketStatus;
  /** the last public reply, shown to the consumer */
  note?: string;
  at: string;
}

export interface ChangesPage {
  changes: TicketChange[];
  /** opaque; pass back to read only what came after */
  cursor: string | null;
  /** more changes are waiting after this page */
  more: boolean;
}

export interface HelpDesk {
  readonly kind: 'rt' | 'builtin';
  /** a human-readable place, for logs and the fleet page */
  readonly describe: string;
  createTicket(ticket: HelpDeskTicket, signal?: AbortSignal): Promise<ExternalTicket>;
  findByReference(reference: string, signal?: AbortSignal): Promise<ExternalTicket | null>;
  changesSince(cursor: string | null, signal?: AbortSignal): Promise<ChangesPage>;
}

/** A help desk that could not be reached or refused a call; message is for technicians. */
export class HelpDeskError extends Error {
  override readonly name = 'HelpDeskError';
  constructor(message: string, readonly kind: 'unreachable' | 'timeout' | 'refused' | 'bad-reply', readonly status?: number) {
    super(message);
  }
}

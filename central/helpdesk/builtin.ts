// The built-in help desk: central's own tables are the tickets, and staff
// change their status through the admin API (routes/admin-api.ts). Nothing
// is handed over and nothing flows back, so `npm start` and sites without a
// help desk need no outside software — today's behaviour.
import type { TicketService } from '../intake/tickets.js';
import type { ChangesPage, ExternalTicket, HelpDesk, HelpDeskTicket } from './types.js';

export class BuiltinHelpDesk implements HelpDesk {
  readonly kind = 'builtin' as const;
  readonly describe = "central's own tables (admin API)";

  constructor(private readonly tickets: Pick<TicketService, 'ticketOf'>) {}

  /** The ticket already exists: it is central's own row. */
  async createTicket(t: HelpDeskTicket): Promise<ExternalTicket> {
    return { id: t.centralTicket };
  }

  async findByReference(reference: string): Promise<ExternalTicket | null> {
    const ticket = this.tickets.ticketOf(reference);
    return ticket ? { id: ticket } : null;
  }

  /** Status changes are written straight into central's tables by the admin API. */
  async changesSince(cursor: string | null): Promise<ChangesPage> {
    return { changes: [], cursor, more: false };
  }
}

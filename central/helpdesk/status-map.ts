// Pure: Request Tracker's status → the status a consumer sees at the kiosk.
// RT's default lifecycle: new → open ⇄ stalled → resolved | rejected (and
// deleted, which staff use for spam; the consumer keeps the last real status).
import type { TicketStatus } from '../../protocol/requests.js';

const RT_TO_KIOSK: Record<string, TicketStatus> = {
  new: 'received',
  open: 'in-progress',
  stalled: 'waiting-on-consumer',
  resolved: 'resolved',
  rejected: 'rejected',
};

/** undefined: a status the kiosk has no word for (deleted, or a custom lifecycle's); keep the last one. */
export function kioskStatusOf(rtStatus: string): TicketStatus | undefined {
  return RT_TO_KIOSK[rtStatus.toLowerCase()];
}

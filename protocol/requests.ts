// Request hand-over: the kiosk reference is the idempotency key.
import { Type, type Static } from '@sinclair/typebox';

export const SERVICE_IDS = [
  'bill-payment', 'prepaid-recharge', 'new-connection', 'load-change', 'billing-complaint',
  'meter-complaint', 'name-change', 'category-change', 'supply-complaint', 'request-status',
] as const;

export const ServiceIdSchema = Type.Union(SERVICE_IDS.map((s) => Type.Literal(s)));

export const REFERENCE_PATTERN = '^KE-[A-Z]{2,4}-\\d{6}-\\d{5,}$';
export const Reference = Type.String({ pattern: REFERENCE_PATTERN, maxLength: 40 });

export const RequestIntake = Type.Object({
  reference: Reference,
  service: ServiceIdSchema,
  mobile: Type.String({ pattern: '^[6-9]\\d{9}$' }),
  account: Type.Optional(Type.String({ pattern: '^\\d{8}$|^\\d{10}$' })),
  /** the old 8-digit number the consumer gave, mapped to `account` by central before submission */
  legacyAccount: Type.Optional(Type.String({ pattern: '^\\d{8}$' })),
  /** the consumer ticked "a guard helped me": counted per kiosk on the fleet page */
  guardAssisted: Type.Optional(Type.Boolean()),
  fields: Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9-]{0,31}$' }), Type.Union([Type.String({ maxLength: 500 }), Type.Number()]), { maxProperties: 24 }),
  createdAt: Type.String({ format: 'date-time' }),
  dueBy: Type.String({ format: 'date-time' }),
}, { additionalProperties: false });
export type RequestIntake = Static<typeof RequestIntake>;

/** A consumer at any kiosk asks after a request by its reference; the mobile must match. */
export const RequestLookup = Type.Object({
  reference: Reference,
  mobile: Type.String({ pattern: '^[6-9]\\d{9}$' }),
}, { additionalProperties: false });
export type RequestLookup = Static<typeof RequestLookup>;

/** HD-<epoch>-<n>: the epoch of central's database keeps numbers unique across a wipe or restore; HD-<n> from before epochs. */
export const TICKET_PATTERN = '^HD-(?:[0-9A-HJKMNP-TV-Z]{8}-)?\\d{6,}$';

export const TicketStatus = Type.Union([
  Type.Literal('received'), Type.Literal('assigned'), Type.Literal('in-progress'), Type.Literal('resolved'), Type.Literal('rejected'),
  // RT's "stalled": staff wait for the consumer (a document, a visit)
  Type.Literal('waiting-on-consumer'),
]);
export type TicketStatus = Static<typeof TicketStatus>;

export const RequestAccepted = Type.Object({
  reference: Reference,
  ticket: Type.String({ pattern: TICKET_PATTERN }),
  status: TicketStatus,
  receivedAt: Type.String({ format: 'date-time' }),
}, { additionalProperties: false });
export type RequestAccepted = Static<typeof RequestAccepted>;

export const StatusEntry = Type.Object({
  status: TicketStatus,
  at: Type.String({ format: 'date-time' }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });

export const RequestStatusReply = Type.Object({
  reference: Reference,
  ticket: Type.String({ pattern: TICKET_PATTERN }),
  service: ServiceIdSchema,
  status: TicketStatus,
  history: Type.Array(StatusEntry),
}, { additionalProperties: false });
export type RequestStatusReply = Static<typeof RequestStatusReply>;

/** What any kiosk may show of a request made at another: no mobile, no free text. */
export const RequestLookupReply = Type.Composite([
  RequestStatusReply,
  Type.Object({
    kioskId: Type.String({ maxLength: 32 }),
    createdAt: Type.String({ format: 'date-time' }),
    dueBy: Type.String({ format: 'date-time' }),
  }),
], { additionalProperties: false });
export type RequestLookupReply = Static<typeof RequestLookupReply>;

/** Status changes for one kiosk after a cursor, so the outbox can pull them in one call. */
export const RequestUpdatesReply = Type.Object({
  updates: Type.Array(Type.Object({
    cursor: Type.Integer({ minimum: 1 }),
    reference: Reference,
    ticket: Type.String({ pattern: TICKET_PATTERN }),
    status: TicketStatus,
    at: Type.String({ format: 'date-time' }),
  }, { additionalProperties: false })),
  nextCursor: Type.Integer({ minimum: 0 }),
}, { additionalProperties: false });
export type RequestUpdatesReply = Static<typeof RequestUpdatesReply>;

export const TicketStatusChange = Type.Object({
  status: TicketStatus,
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export type TicketStatusChange = Static<typeof TicketStatusChange>;

// Shapes of what the kiosk keeps on disk. Other concerns (outbox, receipts)
// depend on these narrow interfaces, not on the SQLite-backed store itself.

export type ServiceId =
  | 'bill-payment'
  | 'prepaid-recharge'
  | 'new-connection'
  | 'load-change'
  | 'billing-complaint'
  | 'meter-complaint'
  | 'name-change'
  | 'category-change'
  | 'supply-complaint'
  | 'request-status';

export type FieldValue = string | number;

/** Central's view of a request, once handed over. */
export interface SyncState {
  state: 'pending' | 'synced';
  attempts: number;
  lastError?: string;
  lastAttemptAt?: string;
  syncedAt?: string;
  ticket?: string;
  centralStatus?: string;
}

/** What the consumer's printed acknowledgement is doing. */
export type ReceiptState =
  | { state: 'pending' }
  /** the printer confirmed processing it (GS r); copies = marked copies printed for uncertain outcomes */
  | { state: 'printed'; at: string; copies?: number }
  /** delivered to a printer that cannot confirm printing (no GS r / write-only link) */
  | { state: 'sent'; at: string; copies?: number }
  | { state: 'waiting'; reason: string }
  | { state: 'failed'; reason: string };

export interface StoredRequest {
  reference: string;
  service: ServiceId;
  /** Full number: central needs it. Masked everywhere it is shown or logged. */
  mobile: string;
  account?: string;
  /** the old 8-digit number the consumer gave, when central mapped it to `account` */
  legacyAccount?: string;
  fields: Record<string, FieldValue>;
  /** fields from which Aadhaar-like 12-digit numbers were hidden before storing */
  redactedFields?: string[];
  /** the consumer ticked "a guard helped me" on the last step */
  guardAssisted?: boolean;
  createdAt: string; // ISO 8601, UTC
  dueBy: string; // ISO 8601, UTC
  kioskId: string;
  sync: SyncState;
  receipt: ReceiptState;
}

/** What a request may carry besides its form: set once at submission. */
export type RequestExtras = Pick<StoredRequest, 'legacyAccount' | 'redactedFields' | 'guardAssisted'>;

/** The part of the request store the outbox needs. */
export interface OutboxStore {
  /** Requests not yet acknowledged by central, oldest first. */
  pendingSync(limit: number): StoredRequest[];
  /** Central accepted the request: persist its ticket number and status. */
  markSynced(reference: string, ticket: string, centralStatus: string): Promise<void>;
  /** A hand-over attempt failed; kept in memory for health, persisted lazily. */
  markSyncFailed(reference: string, error: string): void;
  /** Central reported a new status for an already synced request. */
  updateCentralStatus(reference: string, centralStatus: string): Promise<void>;
  /**
   * Central lost what it held (a new database epoch): every request still
   * held becomes pending again, to be offered once more (intake is
   * idempotent). Returns how many were re-queued.
   */
  requeueAll(): Promise<number>;
  /** Count and age of the oldest unsynced request, for heartbeats and health. */
  backlog(now: Date): { depth: number; oldestAgeSeconds: number | null };
}

/** The part of the request store the print queue needs. */
export interface ReceiptStore {
  get(reference: string): StoredRequest | undefined;
  setReceipt(reference: string, receipt: ReceiptState): Promise<void>;
}

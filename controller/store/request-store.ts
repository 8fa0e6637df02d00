// The kiosk's durable store: one SQLite database (<dataDir>/ecorner.db) with
// the requests, their receipt and outbox state, the print jobs and the
// reference sequence. Accepting a request (next reference, the request, its
// receipt job, its outbox entry) is one transaction, committed and fsync'd
// before create() returns, so the 201 the consumer sees always describes a
// request that survives a power cut; a receipt or sync state change is a
// small update in the same file, so the parts can never disagree.
// node:sqlite is synchronous: the process is the one writer, and a read never
// waits for a write in progress.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { Counters } from './counters.js';
import { failedImport, importLegacyFiles, type LegacyImport } from './legacy-import.js';
import { openDatabase, type DatabaseRecovery } from './open-database.js';
import { SqlitePrintJobStore } from './print-job-store.js';
import { formatReference, referenceSequence } from './reference.js';
import { fromRow, insertRequestStatement, type RequestRow } from './request-rows.js';
import { transaction } from './transaction.js';
import type { FieldValue, OutboxStore, ReceiptState, ReceiptStore, RequestExtras, ServiceId, StoredRequest } from './types.js';

export const DATABASE_FILE = 'ecorner.db';

/** Sequence numbers skipped after a recovery: what was lost may have handed
 *  out references that must never be reused. */
export const SEQUENCE_GAP_AFTER_RESTORE = 1000;

/** Requests deleted per transaction when pruning: short write locks, small WAL growth. */
export const PRUNE_BATCH = 200;

export class StoreWriteError extends Error {
  override readonly name = 'StoreWriteError';
}

/** What start-up found and repaired; null fields mean nothing to report. */
export interface StoreRecovery {
  database: DatabaseRecovery | null;
  legacy: LegacyImport | null;
}

export interface NewRequest {
  service: ServiceId;
  mobile: string;
  account?: string;
  fields: Record<string, FieldValue>;
  dueBy: Date;
  extra?: RequestExtras;
}

export interface RequestStoreOptions {
  dataDir: string;
  kioskId: string;
  siteCode: string;
  now?: () => Date;
}

interface SyncFailure {
  attempts: number;
  lastError: string;
  lastAttemptAt: string;
}

export class RequestStore implements OutboxStore, ReceiptStore {
  readonly printJobs: SqlitePrintJobStore;
  private readonly counters: Counters;
  private readonly insertRequest: (seq: number, r: StoredRequest) => void;
  private readonly q: Record<'bySeq' | 'pendingAtStart' | 'synced_all' | 'requeue' | 'receipt' | 'synced' | 'status' | 'pendingReceipts' | 'prunable' | 'deleteOne' | 'count', StatementSync>;
  /** Failed hand-over attempts, kept in memory (an outage must not write per retry) and saved with the next write of the request. */
  private readonly failures = new Map<string, SyncFailure>();
  /** The outbox: sequence → createdAt of every request central does not hold yet. In memory
   *  (loaded at start) instead of an index on disk, which would be one more page per commit. */
  private readonly pending = new Map<number, string>();
  private count: number;

  private constructor(
    private readonly db: DatabaseSync,
    readonly filePath: string,
    private readonly options: Required<RequestStoreOptions>,
    readonly startup: StoreRecovery,
  ) {
    this.counters = new Counters(db);
    this.printJobs = new SqlitePrintJobStore(db);
    this.insertRequest = insertRequestStatement(db);
    this.q = {
      bySeq: db.prepare('SELECT * FROM requests WHERE seq = ?'),
      pendingAtStart: db.prepare("SELECT seq, created_at FROM requests WHERE sync_state = 'pending'"),
      synced_all: db.prepare("SELECT seq, created_at FROM requests WHERE sync_state = 'synced'"),
      requeue: db.prepare("UPDATE requests SET sync_state = 'pending' WHERE sync_state = 'synced'"),
      receipt: db.prepare('UPDATE requests SET receipt = ? WHERE seq = ? AND reference = ?'),
      synced: db.prepare(`UPDATE requests SET sync_state = 'synced', ticket = ?, central_status = ?, synced_at = ?, sync_last_error = NULL,
        sync_attempts = sync_attempts + ?, sync_last_attempt_at = coalesce(?, sync_last_attempt_at) WHERE seq = ? AND reference = ?`),
      status: db.prepare('UPDATE requests SET central_status = ? WHERE seq = ? AND reference = ? AND central_status IS NOT ?'),
      pendingReceipts: db.prepare("SELECT * FROM requests WHERE receipt ->> '$.state' = 'pending' ORDER BY seq"),
      prunable: db.prepare("SELECT seq FROM requests WHERE sync_state = 'synced' AND created_at < ? ORDER BY seq LIMIT ?"),
      deleteOne: db.prepare('DELETE FROM requests WHERE seq = ?'),
      count: db.prepare('SELECT count(*) AS n FROM requests'),
    };
    this.count = Number((this.q.count.get() as { n: number }).n);
    for (const row of this.q.pendingAtStart.all() as Array<{ seq: number; created_at: string }>) this.pending.set(Number(row.seq), row.created_at);
  }

  static async open(options: RequestStoreOptions): Promise<RequestStore> {
    const opts: Required<RequestStoreOptions> = { now: () => new Date(), ...options };
    mkdirSync(opts.dataDir, { recursive: true });
    const file = path.join(opts.dataDir, DATABASE_FILE);
    const { db, recovery, readOnly } = openDatabase(file, opts.now);
    let legacy: LegacyImport | null = null;
    if (!readOnly) {
      try {
        legacy = importLegacyFiles(db, opts.dataDir, opts.now);
      } catch (err) {
        legacy = failedImport(opts.dataDir, err as Error);
      }
    }
    const store = new RequestStore(db, file, opts, { database: recovery, legacy });
    // Read-only: every create() fails (503), so no reference is handed out to move ahead of.
    if (!readOnly) store.keepSequenceAhead(Math.max(recovery ? recovery.highestSequenceFound + SEQUENCE_GAP_AFTER_RESTORE : 0, legacy?.sequence ?? 0));
    return store;
  }

  /** The sequence is never below a stored reference's number, nor below `floor`. */
  private keepSequenceAhead(floor: number): void {
    const highest = Number((this.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM requests').get() as { n: number }).n);
    const current = this.counters.get('reference-sequence');
    const wanted = Math.max(current, highest, floor);
    if (wanted !== current) transaction(this.db, () => this.counters.set('reference-sequence', wanted));
  }

  /** Set when start-up moved a bad database aside or imported a damaged JSON file; reported in logs and health. */
  get recovery(): StoreRecovery | null {
    const { database, legacy } = this.startup;
    return database || (legacy && legacy.problems.length > 0) ? this.startup : null;
  }

  get size(): number {
    return this.count;
  }

  get sequence(): number {
    return this.counters.get('reference-sequence');
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /**
   * Accepts a request: resolves once it is committed and fsync'd with its
   * reference, receipt job and outbox entry. Requests arriving in the same
   * turn of the event loop share one transaction (group commit): one fsync
   * for all of them, as 20 consumers at once would otherwise wait for 20.
   */
  create(input: NewRequest): Promise<StoredRequest> {
    return new Promise((resolve, reject) => {
      if (!this.batch) {
        this.batch = [];
        setImmediate(() => this.commitBatch());
      }
      this.batch.push({ input, createdAt: this.options.now(), resolve, reject });
    });
  }

  private batch: Array<{ input: NewRequest; createdAt: Date; resolve: (r: StoredRequest) => void; reject: (err: Error) => void }> | null = null;

  private commitBatch(): void {
    const batch = this.batch ?? [];
    this.batch = null;
    let made: Array<{ request: StoredRequest; sequence: number }>;
    try {
      made = transaction(this.db, () => batch.map(({ input, createdAt }) => this.insertNew(input, createdAt)));
    } catch (err) {
      // Rolled back: not on disk, so not accepted, and the sequence numbers are not used.
      const error = new StoreWriteError(`request store write failed: ${(err as Error).message}`, { cause: err });
      for (const b of batch) b.reject(error);
      return;
    }
    for (const [i, { request, sequence }] of made.entries()) {
      this.count += 1;
      this.pending.set(sequence, request.createdAt);
      batch[i]!.resolve(request);
    }
  }

  private insertNew(input: NewRequest, createdAt: Date): { request: StoredRequest; sequence: number } {
    const sequence = this.counters.next('reference-sequence');
    const request: StoredRequest = {
      reference: formatReference(this.options.siteCode, createdAt, sequence),
      service: input.service,
      mobile: input.mobile,
      ...(input.account !== undefined ? { account: input.account } : {}),
      fields: input.fields,
      ...input.extra,
      createdAt: createdAt.toISOString(),
      dueBy: input.dueBy.toISOString(),
      kioskId: this.options.kioskId,
      sync: { state: 'pending', attempts: 0 },
      receipt: { state: 'pending' },
    };
    this.insertRequest(sequence, request);
    this.printJobs.add({ reference: request.reference, kind: 'receipt', queuedAt: request.createdAt, state: 'queued', attempts: 0 });
    return { request, sequence };
  }

  get(reference: string): StoredRequest | undefined {
    const seq = referenceSequence(reference);
    const row = seq === null ? undefined : (this.q.bySeq.get(seq) as RequestRow | undefined);
    return row && row.reference === reference ? this.withFailures(fromRow(row)) : undefined;
  }

  /** Lookup for consumers: the mobile must match, so references cannot be enumerated. */
  findForConsumer(reference: string, mobile: string): StoredRequest | undefined {
    const r = this.get(reference);
    return r && r.mobile === mobile ? r : undefined;
  }

  /** Requests whose receipt was never queued or printed, oldest first (the print queue's start-up check). */
  withPendingReceipt(): StoredRequest[] {
    return (this.q.pendingReceipts.all() as unknown as RequestRow[]).map(fromRow);
  }

  async setReceipt(reference: string, receipt: ReceiptState): Promise<void> {
    this.q.receipt.run(JSON.stringify(receipt), referenceSequence(reference), reference);
  }

  pendingSync(limit: number): StoredRequest[] {
    const seqs = [...this.pending.keys()].sort((a, b) => a - b).slice(0, limit);
    return seqs.flatMap((seq) => {
      const row = this.q.bySeq.get(seq) as RequestRow | undefined;
      return row ? [this.withFailures(fromRow(row))] : [];
    });
  }

  async markSynced(reference: string, ticket: string, centralStatus: string): Promise<void> {
    const seq = referenceSequence(reference);
    const failure = this.failures.get(reference);
    const { changes } = this.q.synced.run(ticket, centralStatus, this.options.now().toISOString(), failure?.attempts ?? 0, failure?.lastAttemptAt ?? null, seq, reference);
    this.failures.delete(reference);
    if (seq !== null && Number(changes) > 0) this.pending.delete(seq);
  }

  markSyncFailed(reference: string, error: string): void {
    const before = this.failures.get(reference);
    this.failures.set(reference, { attempts: (before?.attempts ?? 0) + 1, lastError: error, lastAttemptAt: this.options.now().toISOString() });
  }

  async updateCentralStatus(reference: string, centralStatus: string): Promise<void> {
    this.q.status.run(centralStatus, referenceSequence(reference), reference, centralStatus);
  }

  async requeueAll(): Promise<number> {
    const held = this.q.synced_all.all() as Array<{ seq: number; created_at: string }>;
    if (held.length === 0) return 0;
    transaction(this.db, () => this.q.requeue.run());
    for (const row of held) this.pending.set(Number(row.seq), row.created_at);
    return held.length;
  }

  backlog(now: Date): { depth: number; oldestAgeSeconds: number | null } {
    let oldest: string | null = null;
    for (const createdAt of this.pending.values()) if (oldest === null || createdAt < oldest) oldest = createdAt;
    return { depth: this.pending.size, oldestAgeSeconds: oldest === null ? null : Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)) };
  }

  /**
   * Drops requests central already holds that are older than the cut-off, in
   * batches of PRUNE_BATCH (each its own short transaction; their print jobs
   * go with them). Freed pages are reused; only when more than a quarter of
   * the file is free are pages handed back to the file system.
   */
  async prune(olderThanDays: number): Promise<number> {
    const cutoff = new Date(this.options.now().getTime() - olderThanDays * 86400 * 1000).toISOString();
    let removed = 0;
    for (;;) {
      const batch = this.q.prunable.all(cutoff, PRUNE_BATCH) as Array<{ seq: number }>;
      if (batch.length === 0) break;
      transaction(this.db, () => {
        for (const { seq } of batch) this.q.deleteOne.run(seq);
      });
      removed += batch.length;
      this.count -= batch.length;
      // Let the event loop serve consumers between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (removed > 0) this.giveBackFreePages();
    return removed;
  }

  private giveBackFreePages(): void {
    const free = Number((this.db.prepare('PRAGMA freelist_count').get() as { freelist_count: number }).freelist_count);
    const pages = Number((this.db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count);
    if (free * 4 > pages) this.db.exec(`PRAGMA incremental_vacuum(${free})`);
  }

  private withFailures(r: StoredRequest): StoredRequest {
    const failure = this.failures.get(r.reference);
    if (!failure || r.sync.state !== 'pending') return r;
    return { ...r, sync: { ...r.sync, attempts: r.sync.attempts + failure.attempts, lastError: failure.lastError, lastAttemptAt: failure.lastAttemptAt } };
  }
}

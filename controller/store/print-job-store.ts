// The print queue's jobs in the kiosk database (table `print_jobs`). The queue
// (controller/receipts/print-queue.ts) decides; this only keeps its jobs.
// A job's fields live in one type, QueueJob; the ones without their own
// column are kept in `extra` (JSON), so a new job field needs no migration.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { PrintJobStore, QueueJob } from '../receipts/print-queue.js';
import { Counters } from './counters.js';
import { referenceSequence } from './reference.js';
import { transaction } from './transaction.js';
import type { ReceiptState } from './types.js';

interface JobRow {
  id: string;
  reference: string;
  kind: string;
  queued_at: string;
  state: string;
  attempts: number;
  last_error: string | null;
  extra: string | null;
}

function fromRow(row: JobRow): QueueJob {
  return {
    ...(row.extra ? (JSON.parse(row.extra) as object) : {}),
    id: row.id,
    reference: row.reference,
    kind: row.kind as QueueJob['kind'],
    queuedAt: row.queued_at,
    state: row.state as QueueJob['state'],
    attempts: Number(row.attempts),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
  };
}

/** A job id is `<reference>#<n>`; n is the row's key. */
export function jobNumber(id: string): number {
  const n = Number(id.slice(id.lastIndexOf('#') + 1));
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`print job id without a number: ${id}`);
  return n;
}

function columns(job: QueueJob): [number, string, number, string, string, string, string, number, string | null, string | null] {
  const { id, reference, kind, queuedAt, state, attempts, lastError, ...rest } = job;
  const extra = Object.keys(rest).length > 0 ? JSON.stringify(rest) : null;
  const seq = referenceSequence(reference);
  if (seq === null) throw new RangeError(`print job for a malformed reference: ${reference}`);
  return [jobNumber(id), id, seq, reference, kind, queuedAt, state, attempts, lastError ?? null, extra];
}

export class SqlitePrintJobStore implements PrintJobStore {
  private readonly counters: Counters;
  private readonly selectAll: StatementSync;
  private readonly insert: StatementSync;
  private readonly change: StatementSync;
  private readonly remove: StatementSync;
  private readonly setReceipt: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.counters = new Counters(db);
    this.selectAll = db.prepare('SELECT * FROM print_jobs ORDER BY n');
    this.insert = db.prepare('INSERT INTO print_jobs (n, id, request_seq, reference, kind, queued_at, state, attempts, last_error, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.change = db.prepare('UPDATE print_jobs SET state = ?, attempts = ?, last_error = ?, extra = ? WHERE n = ?');
    this.remove = db.prepare('DELETE FROM print_jobs WHERE n = ?');
    this.setReceipt = db.prepare('UPDATE requests SET receipt = ? WHERE seq = ? AND reference = ?');
  }

  list(): QueueJob[] {
    return (this.selectAll.all() as unknown as JobRow[]).map(fromRow);
  }

  add(job: Omit<QueueJob, 'id'>): QueueJob {
    return transaction(this.db, () => {
      const stored = { ...job, id: `${job.reference}#${this.counters.next('print-job-sequence')}` } as QueueJob;
      this.insert.run(...columns(stored));
      return stored;
    });
  }

  /** Keeps a job with its id as given (legacy import). */
  addAsIs(job: QueueJob): void {
    this.insert.run(...columns(job));
  }

  update(job: QueueJob): void {
    const [n, , , , , , state, attempts, lastError, extra] = columns(job);
    this.change.run(state, attempts, lastError, extra, n);
  }

  complete(job: QueueJob, receipt?: ReceiptState): void {
    transaction(this.db, () => {
      if (receipt) this.setReceipt.run(JSON.stringify(receipt), referenceSequence(job.reference), job.reference);
      this.remove.run(jobNumber(job.id));
    });
  }
}

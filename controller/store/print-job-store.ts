// The print queue's jobs in the kiosk database (table `print_jobs`). The queue
// (controller/receipts/print-queue.ts) decides; this only keeps its jobs.
// A job's fields live in one type, QueueJob; the ones without their own
// column are kept in `extra` (JSON), so a new job field needs no migration.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { PrintJobStore, QueueJob } from '../receipts/print-queue.js';
import { Counters } from './counters.js';
import { referenceSequence } from './reference.js';
import { transaction } from './transaction.js';

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
  private readonly numbers: StatementSync;
  private readonly upsert: StatementSync;
  private readonly remove: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.counters = new Counters(db);
    this.selectAll = db.prepare('SELECT * FROM print_jobs ORDER BY n');
    this.insert = db.prepare('INSERT INTO print_jobs (n, id, request_seq, reference, kind, queued_at, state, attempts, last_error, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.numbers = db.prepare('SELECT n FROM print_jobs');
    // Only a changed row is written: an unchanged one leaves its page clean.
    this.upsert = db.prepare(`INSERT INTO print_jobs (n, id, request_seq, reference, kind, queued_at, state, attempts, last_error, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (n) DO UPDATE SET state = excluded.state, attempts = excluded.attempts, last_error = excluded.last_error, extra = excluded.extra
      WHERE (state, attempts, last_error, extra) IS NOT (excluded.state, excluded.attempts, excluded.last_error, excluded.extra)`);
    this.remove = db.prepare('DELETE FROM print_jobs WHERE n = ?');
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

  save(jobs: readonly QueueJob[]): void {
    transaction(this.db, () => {
      const keep = new Set(jobs.map((j) => jobNumber(j.id)));
      for (const { n } of this.numbers.all() as Array<{ n: number }>) if (!keep.has(Number(n))) this.remove.run(n);
      for (const job of jobs) this.upsert.run(...columns(job));
    });
  }
}

// The persistent print queue. A receipt job is written to disk before
// anything is printed, survives restarts, waits while the printer cannot
// print (paper end, cover open, offline) and prints once it can. A job is
// "printed" only when the printer confirmed processing it (GS r after the
// job); a job sent but not confirmed is settled before it is ever resent, so
// a job held in the printer's buffer during a paper-out prints exactly once.
// The request's receipt state, which the UI shows, is kept through ReceiptStore;
// the jobs through PrintJobStore (the kiosk's SQLite database), where a new
// request's receipt job is written in the same transaction as the request.
import { printerHealth } from '../../drivers/printer/status.js';
import type { Printer, PrinterStatus } from '../../drivers/printer/types.js';
import type { EventBus } from '../events/bus.js';
import type { HealthRegistry } from '../health/registry.js';
import type { ReceiptState, ReceiptStore, StoredRequest } from '../store/types.js';

export interface QueueJob {
  id: string;
  reference: string;
  kind: 'receipt' | 'reprint';
  queuedAt: string;
  /** sent-unconfirmed: bytes went out but the printer did not confirm; settle before resending */
  state: 'queued' | 'sent-unconfirmed';
  /** sends that ended unconfirmed or failed; waiting for paper does not count */
  attempts: number;
  lastError?: string;
}

/** Where the queue keeps its jobs; every call is durable when it returns. */
export interface PrintJobStore {
  /** unfinished jobs, oldest first */
  list(): QueueJob[];
  /** stores a new job and gives it its id */
  add(job: Omit<QueueJob, 'id'>): QueueJob;
  /** saves a job's changed fields (state, attempts, lastError, …) */
  update(job: QueueJob): void;
  /** removes a finished job; with `receipt`, sets its request's receipt state in the same transaction */
  complete(job: QueueJob, receipt?: ReceiptState): void;
}

export interface QueueLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface PrintQueueOptions {
  printer: Printer;
  store: ReceiptStore;
  /** the request store's print_jobs table in the kiosk */
  jobs: PrintJobStore;
  /** the job's bytes, built when it is printed (so layout fixes apply to waiting jobs) */
  render: (request: StoredRequest, options: { reprintedAt?: Date }) => Uint8Array;
  log?: QueueLog;
  /** receipt-state events for the UI's live view */
  bus?: Pick<EventBus, 'emit'>;
  now?: () => Date;
  /** sends without confirmation before the receipt is marked failed */
  maxAttempts?: number;
  /** a receipt older than this at start-up, never queued, is not printed any more */
  staleAfterMs?: number;
  /** how often a waiting queue asks again when no status change came */
  retryMs?: number;
}

export type ReprintResult = { ok: true; jobId: string } | { ok: false; reason: 'not-found' };

export class PrintQueue {
  private data: { jobs: QueueJob[] } = { jobs: [] };
  private draining: Promise<void> | null = null;
  private again = false;
  private running = false;
  private unsubscribe: (() => void) | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly now: () => Date;

  constructor(private readonly options: PrintQueueOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get jobs(): readonly QueueJob[] {
    return this.data.jobs;
  }

  /**
   * Loads the queue, picks up receipts of requests that were accepted but never
   * queued (crash between the request's write and the job's), and starts printing.
   * `recent` are the store's requests, for that recovery.
   */
  async start(recent: Iterable<StoredRequest> = []): Promise<void> {
    this.data = { jobs: this.options.jobs.list() };
    // A receipt job whose request already says printed was done before a crash.
    for (const j of this.data.jobs.filter((j) => j.kind === 'receipt' && this.options.store.get(j.reference)?.receipt.state === 'printed')) this.remove(j);
    const queued = new Set(this.data.jobs.map((j) => j.reference));
    const staleMs = this.options.staleAfterMs ?? 3600_000;
    const orphans: StoredRequest[] = [];
    for (const r of recent) {
      if (r.receipt.state !== 'pending' || queued.has(r.reference)) continue;
      if (this.now().getTime() - Date.parse(r.createdAt) > staleMs) {
        await this.setReceipt(r.reference, { state: 'failed', reason: 'not-printed-before-restart' });
      } else orphans.push(r);
    }
    for (const r of orphans) this.data.jobs.push(this.newJob(r.reference, 'receipt'));
    this.running = true;
    this.unsubscribe = this.options.printer.onStatus((status) => {
      if (status.state === 'ready') this.kick();
      else void this.markWaiting(status);
    });
    this.kick();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.draining;
  }

  /**
   * Queues the receipt of a just-accepted request. The store normally wrote its
   * job with the request (one transaction); otherwise it is written here.
   * Resolves once the job is on disk.
   */
  async enqueue(reference: string): Promise<QueueJob> {
    const existing = this.data.jobs.find((j) => j.reference === reference && j.kind === 'receipt');
    if (existing) return existing;
    const job = this.options.jobs.list().find((j) => j.reference === reference && j.kind === 'receipt') ?? this.newJob(reference, 'receipt');
    this.data.jobs.push(job);
    this.options.log?.info({ event: 'receipt-queued', reference, jobId: job.id }, 'receipt queued');
    // Rendering is synchronous: start it after the consumer's 201 has gone out.
    setImmediate(() => void this.kick());
    return job;
  }

  async reprint(reference: string): Promise<ReprintResult> {
    if (!this.options.store.get(reference)) return { ok: false, reason: 'not-found' };
    // One pending reprint per reference is enough, however often the button is pressed.
    const existing = this.data.jobs.find((j) => j.reference === reference && j.kind === 'reprint');
    if (existing) return { ok: true, jobId: existing.id };
    const job = this.newJob(reference, 'reprint');
    this.data.jobs.push(job);
    this.options.log?.info({ event: 'receipt-reprint-queued', reference, jobId: job.id }, 'reprint queued');
    this.kick();
    return { ok: true, jobId: job.id };
  }

  /** Starts draining unless already draining; a kick during a drain runs it once more. Resolves when idle. */
  kick(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          await this.drain().catch((err: Error) => this.options.log?.error({ event: 'print-queue-failed', err: err.message }, 'print queue drain failed'));
        } while (this.again && this.running);
      } finally {
        // In the same step as the last check of `again`: a kick can never fall between them and be lost.
        this.draining = null;
      }
    })();
    return this.draining;
  }

  private newJob(reference: string, kind: QueueJob['kind']): QueueJob {
    return this.options.jobs.add({ reference, kind, queuedAt: this.now().toISOString(), state: 'queued', attempts: 0 });
  }

  private async drain(): Promise<void> {
    const { printer, store, log } = this.options;
    while (this.running && this.data.jobs.length > 0) {
      const job = this.data.jobs[0]!;
      const request = store.get(job.reference);
      if (!request) {
        log?.warn({ event: 'receipt-dropped', reference: job.reference, jobId: job.id }, 'request no longer stored; receipt dropped');
        this.remove(job);
        continue;
      }

      if (job.state === 'sent-unconfirmed') {
        const settled = await printer.settle(job.id);
        if (settled === null) return this.waitRetry(printer.status);
        if (settled) {
          await this.done(job);
          continue;
        }
      }

      const bytes = this.options.render(request, job.kind === 'reprint' ? { reprintedAt: this.now() } : {});
      const result = await printer.print(bytes, job.id);
      if (result.ok) {
        await this.done(job);
        continue;
      }
      const failure = result.error;
      if (failure.kind === 'not-ready') {
        await this.markWaiting(failure.status);
        return this.waitRetry(failure.status);
      }
      job.state = 'sent-unconfirmed';
      job.attempts += 1;
      job.lastError = failure.kind === 'write-failed' ? failure.message : `unconfirmed (${failure.status.state})`;
      if (job.attempts >= (this.options.maxAttempts ?? 5)) {
        log?.error({ event: 'receipt-failed', reference: job.reference, jobId: job.id, attempts: job.attempts, lastError: job.lastError }, 'receipt could not be printed');
        if (job.kind === 'receipt') this.finish(job, { state: 'failed', reason: job.lastError });
        else this.remove(job);
        continue;
      }
      this.options.jobs.update(job);
      await this.setReceipt(job.reference, { state: 'waiting', reason: waitingReason(failure.status, 'unconfirmed') });
      return this.waitRetry(failure.status);
    }
  }

  private async done(job: QueueJob): Promise<void> {
    this.finish(job, { state: 'printed', at: this.now().toISOString() });
    this.options.log?.info({ event: 'receipt-printed', reference: job.reference, jobId: job.id, kind: job.kind }, 'receipt printed');
  }

  private remove(job: QueueJob): void {
    this.options.jobs.complete(job);
    this.data.jobs = this.data.jobs.filter((j) => j !== job);
  }

  /** The job leaves the queue and its request's receipt state is set, in one transaction. */
  private finish(job: QueueJob, receipt: ReceiptState): void {
    this.options.jobs.complete(job, receipt);
    this.data.jobs = this.data.jobs.filter((j) => j !== job);
    this.announce(job.reference, receipt);
  }

  /** Jobs not yet printed show why they wait; a reprint leaves the original's printed state alone. */
  private async markWaiting(status: PrinterStatus): Promise<void> {
    if (status.state === 'ready') return;
    for (const job of this.data.jobs) {
      if (job.kind !== 'receipt') continue;
      const reason = waitingReason(status, job.state === 'sent-unconfirmed' ? 'unconfirmed' : undefined);
      const current = this.options.store.get(job.reference)?.receipt;
      if (current?.state === 'waiting' && current.reason === reason) continue;
      await this.setReceipt(job.reference, { state: 'waiting', reason });
    }
  }

  private waitRetry(status: PrinterStatus): void {
    // Status events from the driver's poll wake the queue; this is the fallback.
    if (!this.running || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.kick();
    }, this.options.retryMs ?? (status.state === 'ready' ? 1000 : 5000));
    this.retryTimer.unref?.();
  }

  private async setReceipt(reference: string, receipt: ReceiptState): Promise<void> {
    try {
      await this.options.store.setReceipt(reference, receipt);
      this.announce(reference, receipt);
    } catch (err) {
      // The job itself is safe on disk; only the shown state lags.
      this.options.log?.error({ event: 'receipt-state-write-failed', reference, err: (err as Error).message }, 'could not save receipt state');
    }
  }

  private announce(reference: string, receipt: ReceiptState): void {
    this.options.bus?.emit('receipt-state', { reference, state: receipt.state, ...('reason' in receipt ? { reason: receipt.reason } : {}) });
  }
}

/** kebab-case reason the UI maps to words: paper-end, cover-open, offline, disconnected, error-…, unconfirmed. */
export function waitingReason(status: PrinterStatus, fallback?: string): string {
  if (status.state === 'ready') return fallback ?? 'printing';
  return printerHealth(status).state;
}

/** Keeps health.printer in step with the printer's status (level + kebab-case state). */
export function watchPrinterHealth(printer: Printer, health: Pick<HealthRegistry, 'set'>): () => void {
  const report = (status: PrinterStatus) => health.set('printer', printerHealth(status));
  report(printer.status);
  return printer.onStatus(report);
}

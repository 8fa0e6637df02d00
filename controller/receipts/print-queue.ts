// The persistent print queue. A receipt job is written to disk before
// anything is printed, survives restarts, waits while the printer cannot
// print (paper end, cover open, offline) and prints once it can.
// Receipt states are honest: `printed` only when the printer confirmed
// processing the job (GS r), `sent` when the printer's method can only show
// the bytes arrived, `waiting` with a reason, `failed` after maxAttempts.
// At-least-once with marked copies: the job is marked `sending` on disk
// before its first byte goes out (nothing is sent if that cannot be saved).
// A job whose outcome is unknown — the link dropped between send and
// confirmation, or the kiosk restarted with the job `sending` or
// `sent-unconfirmed` — is printed again, marked "COPY / प्रतिलिपि" with the
// original time: never two unmarked receipts, never zero.
// The request's receipt state, which the UI shows, is kept through ReceiptStore;
// the jobs through PrintJobStore (the kiosk's SQLite database), where a new
// request's receipt job is written in the same transaction as the request.
import { canSend, printerHealth } from '../../drivers/printer/status.js';
import type { PrintOutcome, Printer, PrinterStatus } from '../../drivers/printer/types.js';
import type { EventBus } from '../events/bus.js';
import type { HealthRegistry } from '../health/registry.js';
import type { ReceiptState, ReceiptStore, StoredRequest } from '../store/types.js';

export interface QueueJob {
  id: string;
  reference: string;
  kind: 'receipt' | 'reprint';
  queuedAt: string;
  /**
   * queued: nothing of it sent. sending: saved before the first byte goes out.
   * sent-unconfirmed: bytes went out, the printer did not confirm yet.
   * A job found `sending` or `sent-unconfirmed` is settled before anything else.
   */
  state: 'queued' | 'sending' | 'sent-unconfirmed';
  /** sends that ended unconfirmed or uncertain; waiting for paper does not count */
  attempts: number;
  lastError?: string;
  /** when the current send started */
  sentAt?: string;
  /** set once a send's outcome was unknown: the next send is a marked copy of the one sent at this time */
  copyOf?: string;
  /** marked copies issued for this job */
  copies?: number;
}

/**
 * Where the queue keeps its jobs (the kiosk database's print_jobs table; any
 * field of QueueJob without a column of its own is kept too). Every call is
 * durable when it returns, and throws when it cannot be.
 */
export interface PrintJobStore {
  /** unfinished jobs, oldest first */
  list(): QueueJob[];
  /** stores a new job and gives it its id (`<reference>#<n>`) */
  add(job: Omit<QueueJob, 'id'>): QueueJob;
  /** makes the stored jobs exactly these, with their current fields, in one transaction */
  save(jobs: readonly QueueJob[]): void;
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
  render: (request: StoredRequest, options: RenderOptions) => Uint8Array;
  /** the queue's own health part ('print-queue'): set to fault while its state cannot be saved */
  health?: Pick<HealthRegistry, 'set'>;
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

export interface RenderOptions {
  reprintedAt?: Date;
  /** a marked copy of the receipt sent at this time, whose outcome was unknown */
  copyOf?: Date;
}

/** What the technician page and heartbeats show of the queue. */
export interface QueueSummary {
  depth: number;
  oldestQueuedAt: string | null;
  /** marked copies printed since start, for uncertain outcomes */
  copiesSinceStart: number;
  /** the queue's state could not be saved at the last attempt */
  saveFault: string | null;
}

export const PRINT_QUEUE_HEALTH_PART = 'print-queue';

export type ReprintResult = { ok: true; jobId: string } | { ok: false; reason: 'not-found' };

export class PrintQueue {
  private data: { jobs: QueueJob[] } = { jobs: [] };
  private draining: Promise<void> | null = null;
  private again = false;
  private running = false;
  private unsubscribe: (() => void) | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly now: () => Date;
  private copiesSinceStart = 0;
  /** finished jobs whose receipt state could not be saved: kept on disk, never sent again by this process */
  private unsaved: Array<{ job: QueueJob; receipt: ReceiptState }> = [];
  private saveFault: string | null = null;

  constructor(private readonly options: PrintQueueOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get jobs(): readonly QueueJob[] {
    return this.data.jobs;
  }

  summary(): QueueSummary {
    return { depth: this.data.jobs.length, oldestQueuedAt: this.data.jobs[0]?.queuedAt ?? null, copiesSinceStart: this.copiesSinceStart, saveFault: this.saveFault };
  }

  /**
   * Loads the queue, picks up receipts of requests that were accepted but never
   * queued (crash between the request's write and the job's), and starts printing.
   * `recent` are the store's requests, for that recovery.
   */
  async start(recent: Iterable<StoredRequest> = []): Promise<void> {
    this.data = { jobs: this.options.jobs.list() };
    // A receipt job whose request already says printed was done before a crash.
    const before = this.data.jobs.length;
    this.data.jobs = this.data.jobs.filter((j) => !(j.kind === 'receipt' && isDone(this.options.store.get(j.reference)?.receipt)));
    const queued = new Set(this.data.jobs.map((j) => j.reference));
    const staleMs = this.options.staleAfterMs ?? 3600_000;
    const orphans: StoredRequest[] = [];
    for (const r of recent) {
      // waiting without a job: the job's save was lost (nothing is sent unsaved, so it never printed)
      if ((r.receipt.state !== 'pending' && r.receipt.state !== 'waiting') || queued.has(r.reference)) continue;
      if (this.now().getTime() - Date.parse(r.createdAt) > staleMs) {
        await this.setReceipt(r.reference, { state: 'failed', reason: 'not-printed-before-restart' });
      } else orphans.push(r);
    }
    for (const r of orphans) {
      const job = this.tryNewJob(r.reference, 'receipt');
      if (job) this.data.jobs.push(job);
    }
    // A full or read-only disk must not stop start-up: the jobs are in memory and
    // nothing is sent until their state can be saved (health shows why).
    if (orphans.length || this.data.jobs.length !== before) await this.tryPersist();
    this.running = true;
    this.unsubscribe = this.options.printer.onStatus((status) => {
      if (canSend(status)) void this.kick();
      else void this.markWaiting(status);
    });
    void this.kick();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.draining;
  }

  /** Queues the receipt of a just-accepted request. Resolves once the job is on disk, or its save failed (health shows it). */
  async enqueue(reference: string): Promise<QueueJob> {
    const existing = this.data.jobs.find((j) => j.reference === reference && j.kind === 'receipt');
    if (existing) return existing;
    // The store normally wrote it with the request (one transaction).
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
    void this.kick();
    return { ok: true, jobId: job.id };
  }

  /** Starts draining unless already draining; a kick during a drain runs it once more. Resolves when idle and
   *  never rejects (a failed drain is logged), so callers that do not wait mark it `void`. */
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

  /** On disk when it returns; throws when it cannot be saved. */
  private newJob(reference: string, kind: QueueJob['kind']): QueueJob {
    return this.options.jobs.add({ reference, kind, queuedAt: this.now().toISOString(), state: 'queued', attempts: 0 });
  }

  /** At start-up a full disk must not stop the kiosk: the request keeps its receipt pending and the next start tries again. */
  private tryNewJob(reference: string, kind: QueueJob['kind']): QueueJob | null {
    try {
      return this.newJob(reference, kind);
    } catch (err) {
      this.options.log?.error({ event: 'print-queue-save-failed', reference, err: (err as Error).message }, 'cannot save a print job');
      return null;
    }
  }

  private async drain(): Promise<void> {
    const { printer, store, log } = this.options;
    await this.retryUnsaved();
    while (this.running && this.data.jobs.length > 0) {
      const job = this.data.jobs[0]!;
      const request = store.get(job.reference);
      if (!request) {
        log?.warn({ event: 'receipt-dropped', reference: job.reference, jobId: job.id }, 'request no longer stored; receipt dropped');
        await this.remove(job);
        continue;
      }

      if (job.state !== 'queued') {
        const settled = await printer.settle(job.id);
        if (settled === null) {
          await this.markWaiting(printer.status);
          return this.waitRetry(printer.status);
        }
        if (settled !== 'uncertain') {
          await this.done(job, settled);
          continue;
        }
        if (!(await this.uncertain(job))) continue;
      }

      if (!canSend(printer.status) && !canSend(await printer.refreshStatus())) {
        // Not ready: wait without touching the disk.
        await this.markWaiting(printer.status);
        return this.waitRetry(printer.status);
      }
      const sentAt = this.now();
      const previous = { state: job.state, sentAt: job.sentAt };
      job.state = 'sending';
      job.sentAt = sentAt.toISOString();
      if (!(await this.tryPersist())) {
        // Without `sending` on disk a restart could print it again unmarked: send nothing.
        Object.assign(job, previous);
        return this.waitRetry(printer.status);
      }
      const bytes = this.options.render(request, {
        ...(job.kind === 'reprint' ? { reprintedAt: sentAt } : {}),
        ...(job.copyOf ? { copyOf: new Date(job.copyOf) } : {}),
      });
      const result = await printer.print(bytes, job.id);
      if (result.ok) {
        await this.done(job, result.value);
        continue;
      }
      const failure = result.error;
      if (failure.kind === 'not-ready') {
        // Nothing was sent.
        job.state = 'queued';
        await this.tryPersist();
        await this.markWaiting(failure.status);
        return this.waitRetry(failure.status);
      }
      job.state = 'sent-unconfirmed';
      job.lastError = failure.kind === 'write-failed' ? failure.message : `unconfirmed (${failure.status.state})`;
      await this.tryPersist();
      if (failure.kind === 'unconfirmed') {
        await this.setReceipt(job.reference, { state: 'waiting', reason: waitingReason(failure.status, 'unconfirmed') }, job.kind);
      }
      // Settle at once: a late confirmation, a clean status, or an unknown outcome (→ copy).
    }
  }

  /** The last send's outcome is unknown: the next send is a marked copy. False when the job gave up. */
  private async uncertain(job: QueueJob): Promise<boolean> {
    const { log } = this.options;
    job.attempts += 1;
    job.copyOf ??= job.sentAt ?? job.queuedAt;
    job.state = 'queued';
    log?.warn({ event: 'receipt-outcome-unknown', reference: job.reference, jobId: job.id, sentAt: job.sentAt, attempts: job.attempts }, 'receipt may or may not have printed: a marked copy follows');
    if (job.attempts >= (this.options.maxAttempts ?? 5)) {
      log?.error({ event: 'receipt-failed', reference: job.reference, jobId: job.id, attempts: job.attempts, lastError: job.lastError }, 'receipt could not be printed');
      if (job.kind === 'receipt') await this.finish(job, { state: 'failed', reason: job.lastError ?? 'outcome-unknown' });
      else await this.remove(job);
      return false;
    }
    job.copies = (job.copies ?? 0) + 1;
    this.copiesSinceStart += 1;
    await this.tryPersist();
    return true;
  }

  private async done(job: QueueJob, outcome: PrintOutcome): Promise<void> {
    const at = this.now().toISOString();
    const copies = job.copies ? { copies: job.copies } : {};
    await this.finish(job, outcome === 'printed' ? { state: 'printed', at, ...copies } : { state: 'sent', at, ...copies });
    this.options.log?.info({ event: 'receipt-printed', reference: job.reference, jobId: job.id, kind: job.kind, outcome, copies: job.copies ?? 0 }, `receipt ${outcome}`);
  }

  /**
   * Receipt state first, then the job leaves the file. When the state cannot be
   * saved the job stays on disk as it is (`sending`/`sent-unconfirmed`), so a
   * restart prints a marked copy rather than a second unmarked receipt; this
   * process retries saving the state and does not send it again.
   */
  private async finish(job: QueueJob, receipt: ReceiptState): Promise<void> {
    this.data.jobs = this.data.jobs.filter((j) => j !== job);
    if (await this.setReceipt(job.reference, receipt, job.kind)) {
      await this.tryPersist();
      return;
    }
    this.unsaved.push({ job, receipt });
    await this.tryPersist();
  }

  /** Retries the receipt states that could not be saved. */
  private async retryUnsaved(): Promise<void> {
    if (this.unsaved.length === 0) return;
    const still: typeof this.unsaved = [];
    for (const entry of this.unsaved) {
      if (!(await this.setReceipt(entry.job.reference, entry.receipt, entry.job.kind))) still.push(entry);
    }
    if (still.length === this.unsaved.length) return;
    this.unsaved = still;
    await this.tryPersist();
  }

  private async remove(job: QueueJob): Promise<void> {
    this.data.jobs = this.data.jobs.filter((j) => j !== job);
    // If this cannot be saved the job stays on disk `sending`: after a restart it
    // is dropped when its receipt state was saved, else printed as a marked copy.
    await this.tryPersist();
  }

  /** Jobs not yet printed show why they wait; a reprint leaves the original's printed state alone. */
  private async markWaiting(status: PrinterStatus): Promise<void> {
    if (canSend(status)) return;
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

  /** False when the state could not be saved (logged; the caller decides what that means). */
  private async setReceipt(reference: string, receipt: ReceiptState, kind: QueueJob['kind'] = 'receipt'): Promise<boolean> {
    // A reprint waiting does not make the original receipt "waiting" again.
    if (kind === 'reprint' && receipt.state === 'waiting') return true;
    try {
      await this.options.store.setReceipt(reference, receipt);
      this.options.bus?.emit('receipt-state', { reference, state: receipt.state, ...('reason' in receipt ? { reason: receipt.reason } : {}) });
      return true;
    } catch (err) {
      this.options.log?.error({ event: 'receipt-state-write-failed', reference, err: (err as Error).message }, 'could not save receipt state');
      return false;
    }
  }

  private async persist(): Promise<void> {
    const unsaved = this.unsaved.map((u) => u.job);
    this.options.jobs.save(unsaved.length ? [...unsaved, ...this.data.jobs] : this.data.jobs);
  }

  /** Saves the queue; a failure is shown in health (fault) and logged once per cause, never thrown. */
  private async tryPersist(): Promise<boolean> {
    try {
      await this.persist();
      if (this.saveFault !== null) {
        this.saveFault = null;
        this.options.health?.set(PRINT_QUEUE_HEALTH_PART, { level: 'ok', state: 'saved', detail: 'print-queue state saved again' });
        this.options.log?.info({ event: 'print-queue-save-recovered' }, 'print queue state saved again');
      }
      return true;
    } catch (err) {
      const message = (err as Error).message;
      if (this.saveFault !== message) {
        this.options.log?.error({ event: 'print-queue-save-failed', err: message }, 'cannot save print queue state: nothing is sent until it can');
        this.options.health?.set(PRINT_QUEUE_HEALTH_PART, { level: 'fault', state: 'cannot-save', detail: `print-queue state cannot be saved (${message}): receipts wait` });
      }
      this.saveFault = message;
      return false;
    }
  }
}

function isDone(receipt: ReceiptState | undefined): boolean {
  return receipt?.state === 'printed' || receipt?.state === 'sent';
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

// The persistent print queue. A receipt job is written to disk before
// anything is printed, survives restarts, waits while the printer cannot
// print (paper end, cover open, offline) and prints once it can. A job is
// "printed" only when the printer confirmed processing it (GS r after the
// job); a job sent but not confirmed is settled before it is ever resent, so
// a job held in the printer's buffer during a paper-out prints exactly once.
// The request's receipt state, which the UI shows, is kept through ReceiptStore.
import type { Adapter } from 'lowdb';
import { printerHealth } from '../../drivers/printer/status.js';
import type { Printer, PrinterStatus } from '../../drivers/printer/types.js';
import type { EventBus } from '../events/bus.js';
import type { HealthRegistry } from '../health/registry.js';
import type { Validator } from '../store/durable-json-file.js';
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

export interface QueueFile {
  version: 1;
  seq: number;
  jobs: QueueJob[];
}

export const emptyQueueFile = (): QueueFile => ({ version: 1, seq: 0, jobs: [] });

export const validateQueueFile: Validator<QueueFile> = (data) => {
  const d = data as Partial<QueueFile> | null;
  if (!d || typeof d !== 'object' || d.version !== 1 || !Number.isInteger(d.seq) || !Array.isArray(d.jobs)) return { ok: false, error: 'not a print queue file (version 1)' };
  for (const [i, j] of d.jobs.entries()) {
    const ok = j && typeof j.id === 'string' && typeof j.reference === 'string' && (j.kind === 'receipt' || j.kind === 'reprint')
      && (j.state === 'queued' || j.state === 'sent-unconfirmed') && Number.isInteger(j.attempts) && typeof j.queuedAt === 'string';
    if (!ok) return { ok: false, error: `jobs[${i}] is malformed` };
  }
  return { ok: true, value: d as QueueFile };
};

export interface QueueLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface PrintQueueOptions {
  printer: Printer;
  store: ReceiptStore;
  /** DurableJsonFile<QueueFile> in the kiosk; any lowdb adapter in tests */
  file: Adapter<QueueFile>;
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
  private data: QueueFile = emptyQueueFile();
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
    this.data = (await this.options.file.read()) ?? emptyQueueFile();
    // A receipt job whose request already says printed was done before a crash.
    const before = this.data.jobs.length;
    this.data.jobs = this.data.jobs.filter((j) => !(j.kind === 'receipt' && this.options.store.get(j.reference)?.receipt.state === 'printed'));
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
    if (orphans.length || this.data.jobs.length !== before) await this.persist();
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

  /** Queues the receipt of a just-accepted request. Resolves once the job is on disk. */
  async enqueue(reference: string): Promise<QueueJob> {
    const existing = this.data.jobs.find((j) => j.reference === reference && j.kind === 'receipt');
    if (existing) return existing;
    const job = this.newJob(reference, 'receipt');
    this.data.jobs.push(job);
    await this.persist();
    this.options.log?.info({ event: 'receipt-queued', reference, jobId: job.id }, 'receipt queued');
    this.kick();
    return job;
  }

  async reprint(reference: string): Promise<ReprintResult> {
    if (!this.options.store.get(reference)) return { ok: false, reason: 'not-found' };
    // One pending reprint per reference is enough, however often the button is pressed.
    const existing = this.data.jobs.find((j) => j.reference === reference && j.kind === 'reprint');
    if (existing) return { ok: true, jobId: existing.id };
    const job = this.newJob(reference, 'reprint');
    this.data.jobs.push(job);
    await this.persist();
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
      do {
        this.again = false;
        await this.drain().catch((err: Error) => this.options.log?.error({ event: 'print-queue-failed', err: err.message }, 'print queue drain failed'));
      } while (this.again && this.running);
    })().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private newJob(reference: string, kind: QueueJob['kind']): QueueJob {
    this.data.seq += 1;
    return { id: `${reference}#${this.data.seq}`, reference, kind, queuedAt: this.now().toISOString(), state: 'queued', attempts: 0 };
  }

  private async drain(): Promise<void> {
    const { printer, store, log } = this.options;
    while (this.running && this.data.jobs.length > 0) {
      const job = this.data.jobs[0]!;
      const request = store.get(job.reference);
      if (!request) {
        log?.warn({ event: 'receipt-dropped', reference: job.reference, jobId: job.id }, 'request no longer stored; receipt dropped');
        await this.remove(job);
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
        await this.remove(job);
        if (job.kind === 'receipt') await this.setReceipt(job.reference, { state: 'failed', reason: job.lastError });
        continue;
      }
      await this.persist();
      await this.setReceipt(job.reference, { state: 'waiting', reason: waitingReason(failure.status, 'unconfirmed') });
      return this.waitRetry(failure.status);
    }
  }

  private async done(job: QueueJob): Promise<void> {
    // Receipt state first: a crash before the removal leaves a job that start() drops.
    await this.setReceipt(job.reference, { state: 'printed', at: this.now().toISOString() });
    await this.remove(job);
    this.options.log?.info({ event: 'receipt-printed', reference: job.reference, jobId: job.id, kind: job.kind }, 'receipt printed');
  }

  private async remove(job: QueueJob): Promise<void> {
    this.data.jobs = this.data.jobs.filter((j) => j !== job);
    await this.persist();
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
      this.options.bus?.emit('receipt-state', { reference, state: receipt.state, ...('reason' in receipt ? { reason: receipt.reason } : {}) });
    } catch (err) {
      // The job itself is safe on disk; only the shown state lags.
      this.options.log?.error({ event: 'receipt-state-write-failed', reference, err: (err as Error).message }, 'could not save receipt state');
    }
  }

  private async persist(): Promise<void> {
    await this.options.file.write(this.data);
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

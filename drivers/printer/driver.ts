// The ESC/POS printer over any PrinterPort: polls DLE EOT 1–4 at an interval
// and before every job (no reply in time = offline), announces status changes
// (logged only on change), and confirms each job with GS r 1, which the
// printer answers only after it has processed everything sent before it.
// Replies to GS r come back in order, so a FIFO of waiters matches them.
import {
  decodeStatusReplies, dleEot, GS_R_PAPER, isGsRPaperByte, isRealtimeStatusByte, sameStatus, STATUS_REQUESTS, summarizeStatus,
} from './status.js';
import { DOTS_PER_MM_WIDTH, type PrintFailure, type Printer, type PrinterPort, type PrinterStatus, type RawPrinterStatus, type Result } from './types.js';

export interface DriverLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

export interface EscPosPrinterOptions {
  paperWidthMm: 58 | 80;
  statusPollMs: number;
  statusTimeoutMs: number;
  /** How long a job may take to be processed before it counts as unconfirmed. */
  confirmTimeoutMs?: number;
  log?: DriverLog;
}

/** GS a 0: no automatic status back, so only answers to our requests arrive. */
const DISABLE_ASB = Uint8Array.of(0x1d, 0x61, 0x00);

interface InOrderWaiter {
  jobId: string | null;
  resolve: (ok: boolean) => void;
  /** the caller gave up; a late reply still confirms the job */
  abandoned: boolean;
}

export class EscPosPrinter implements Printer {
  private current: PrinterStatus = { state: 'offline', cause: 'disconnected' };
  private lastRaw: RawPrinterStatus | null = null;
  private readonly listeners = new Set<(status: PrinterStatus, previous: PrinterStatus) => void>();
  private realtimeWaiter: ((byte: number | 'bad' | 'timeout') => void) | null = null;
  private inOrder: InOrderWaiter[] = [];
  private readonly lateConfirmed = new Set<string>();
  private chain: Promise<unknown> = Promise.resolve();
  private pollTimer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly confirmTimeoutMs: number;

  constructor(private readonly port: PrinterPort, private readonly options: EscPosPrinterOptions) {
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? Math.max(10_000, options.statusTimeoutMs * 5);
  }

  get status(): PrinterStatus {
    return this.current;
  }

  get raw(): RawPrinterStatus | null {
    return this.lastRaw;
  }

  get paperWidthDots(): number {
    return DOTS_PER_MM_WIDTH[this.options.paperWidthMm];
  }

  get portName(): string {
    return this.port.name;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.port.on('data', this.onData);
    this.port.on('connect', this.onConnect);
    this.port.on('disconnect', this.onDisconnect);
    this.port.open();
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    this.port.off('data', this.onData);
    this.port.off('connect', this.onConnect);
    this.port.off('disconnect', this.onDisconnect);
    this.failInOrder();
    await this.port.close();
  }

  onStatus(listener: (status: PrinterStatus, previous: PrinterStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  refreshStatus(): Promise<PrinterStatus> {
    return this.exclusive(() => this.queryStatus());
  }

  print(job: Uint8Array, jobId: string): Promise<Result<void, PrintFailure>> {
    return this.exclusive(async () => {
      const before = await this.queryStatus();
      if (before.state !== 'ready') return { ok: false, error: { kind: 'not-ready', status: before } };
      this.lateConfirmed.delete(jobId);
      const confirmed = this.expectInOrder(jobId);
      try {
        await this.port.write(job);
        await this.port.write(GS_R_PAPER);
      } catch (err) {
        confirmed.abandon();
        // Part of the job may have reached the printer: that is for settle() to find out.
        return { ok: false, error: { kind: 'write-failed', status: await this.queryStatus(), message: (err as Error).message } };
      }
      const ok = await confirmed.wait(this.confirmTimeoutMs);
      if (ok) {
        this.options.log?.info({ event: 'printer-print-complete', jobId, bytes: job.length }, 'printer confirmed the job');
        return { ok: true, value: undefined };
      }
      const after = await this.queryStatus();
      this.options.log?.warn({ event: 'printer-print-unconfirmed', jobId, status: after }, 'job sent but not confirmed');
      return { ok: false, error: { kind: 'unconfirmed', status: after } };
    });
  }

  settle(jobId: string): Promise<boolean | null> {
    return this.exclusive(async () => {
      if (this.lateConfirmed.has(jobId)) return true;
      if (!this.port.connected) return null;
      const sync = this.expectInOrder(null);
      try {
        await this.port.write(GS_R_PAPER);
      } catch {
        sync.abandon();
        return null;
      }
      const answered = await sync.wait(this.confirmTimeoutMs);
      if (!answered) return null;
      // Replies come in order: if the job's reply was coming, it came before this one.
      return this.lateConfirmed.delete(jobId);
    });
  }

  /** Operations on the wire never interleave: a status query inside a job's bytes would be data. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private expectInOrder(jobId: string | null): { wait(ms: number): Promise<boolean>; abandon(): void } {
    let settle!: (ok: boolean) => void;
    const answered = new Promise<boolean>((resolve) => (settle = resolve));
    const waiter: InOrderWaiter = { jobId, resolve: (ok) => settle(ok), abandoned: false };
    this.inOrder.push(waiter);
    return {
      wait: async (ms) => {
        const timer = setTimeout(() => settle(false), ms);
        const ok = await answered;
        clearTimeout(timer);
        if (!ok) waiter.abandoned = true;
        return ok;
      },
      abandon: () => {
        waiter.abandoned = true;
      },
    };
  }

  private failInOrder(): void {
    // After a lost link the replies will never come; settle() must ask again.
    for (const w of this.inOrder) w.resolve(false);
    this.inOrder = [];
  }

  private async queryStatus(): Promise<PrinterStatus> {
    if (!this.port.connected) return this.setStatus({ state: 'offline', cause: 'disconnected' }, null, 'not connected');
    const replies: number[][] = [];
    for (const n of STATUS_REQUESTS) {
      const reply = await this.requestRealtime(n);
      if (reply === 'timeout') return this.setStatus({ state: 'offline', cause: this.port.connected ? 'no-reply' : 'disconnected' }, null, `no reply to DLE EOT ${n}`);
      if (reply === 'bad') return this.setStatus({ state: 'offline', cause: 'bad-reply' }, null, `bad reply to DLE EOT ${n}`);
      replies.push([reply]);
    }
    const decoded = decodeStatusReplies(replies);
    if (!decoded.ok) return this.setStatus({ state: 'offline', cause: 'bad-reply' }, null, decoded.error);
    return this.setStatus(summarizeStatus(decoded.value), decoded.value, 'polled');
  }

  private requestRealtime(n: 1 | 2 | 3 | 4): Promise<number | 'bad' | 'timeout'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.realtimeWaiter = null;
        resolve('timeout');
      }, this.options.statusTimeoutMs);
      this.realtimeWaiter = (byte) => {
        clearTimeout(timer);
        this.realtimeWaiter = null;
        resolve(byte);
      };
      this.port.write(dleEot(n)).catch(() => {
        clearTimeout(timer);
        this.realtimeWaiter = null;
        resolve('timeout');
      });
    });
  }

  private readonly onData = (bytes: Buffer): void => {
    for (const byte of bytes) {
      if (isRealtimeStatusByte(byte)) {
        // A reply nobody waits for is a late one from a timed-out request: dropped.
        this.realtimeWaiter?.(byte);
      } else if (isGsRPaperByte(byte)) {
        const waiter = this.inOrder.shift();
        if (!waiter) continue;
        if (waiter.abandoned && waiter.jobId) {
          this.lateConfirmed.add(waiter.jobId);
          this.options.log?.info({ event: 'printer-print-confirmed-late', jobId: waiter.jobId }, 'printer confirmed a job late');
        }
        waiter.resolve(true);
      } else {
        this.options.log?.debug?.({ event: 'printer-garbage-byte', byte }, 'ignored byte from printer');
        this.realtimeWaiter?.('bad');
      }
    }
  };

  private readonly onConnect = (): void => {
    this.port.write(DISABLE_ASB).catch(() => undefined);
    void this.refreshStatus().catch(() => undefined);
  };

  private readonly onDisconnect = (): void => {
    this.failInOrder();
    this.realtimeWaiter?.('timeout');
    this.setStatus({ state: 'offline', cause: 'disconnected' }, null, 'link lost');
  };

  private schedulePoll(): void {
    if (!this.running) return;
    this.pollTimer = setTimeout(() => {
      this.refreshStatus()
        .catch(() => undefined)
        .finally(() => this.schedulePoll());
    }, this.options.statusPollMs);
    this.pollTimer.unref?.();
  }

  private setStatus(next: PrinterStatus, raw: RawPrinterStatus | null, why: string): PrinterStatus {
    if (raw) this.lastRaw = raw;
    const previous = this.current;
    if (sameStatus(previous, next)) return next;
    this.current = next;
    this.options.log?.info({ event: 'printer-status-changed', port: this.port.name, from: previous, to: next, why }, 'printer status changed');
    for (const l of this.listeners) {
      try {
        l(next, previous);
      } catch (err) {
        this.options.log?.warn({ event: 'printer-status-listener-failed', err: (err as Error).message }, 'status listener threw');
      }
    }
    return next;
  }
}

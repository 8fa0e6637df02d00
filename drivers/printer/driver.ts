// The ESC/POS printer over any PrinterPort: polls DLE EOT 1–4 at an interval
// and before every job (no reply in time = offline), announces status changes
// (logged only on change), and confirms each job as far as the printer's
// confirmation method allows:
//   gs-r    GS r 1 after the job, answered only once the printer processed
//           everything before it → `printed`.
//   status  no GS r; a DLE EOT reply after the job proves the bytes arrived
//           (the reply comes on the same ordered stream) → `sent`.
//   none    a write-only link: bytes accepted and the link still up after
//           statusTimeoutMs → `sent`.
// `auto` probes at every connect: DLE EOT answered → status; GS r 1 answered
// as well (within the confirm or status timeout, the longer) → gs-r; nothing
// answered → none. A late answer to the probe upgrades the method; a late
// real-time byte on a link judged write-only re-probes.
//
// Matching rule for GS r replies (they carry no job id, and every reply to
// GS r 1 looks alike): at most ONE GS r is ever in flight. Its reply belongs
// to the job (or probe) that sent it, whenever it comes. A job whose reply
// times out keeps the slot: no further job is sent until that reply arrives
// (then the job counts as printed, late) or the link drops (the reply can
// never come: the job is uncertain). Meanwhile a ready printer is reported as
// `error / not-confirming`, a health fault, so the queue waits visibly.
// A GS r byte with nothing in flight is dropped. Real-time replies: after a
// DLE EOT request timed out, its reply may still come, so the next status
// query first waits for statusTimeoutMs of silence and drops what arrives.
import {
  canSend, decodeStatusReplies, dleEot, GS_R_PAPER, isGsRPaperByte, isRealtimeStatusByte, sameStatus, STATUS_REQUESTS, summarizeStatus,
} from './status.js';
import {
  DOTS_PER_MM_WIDTH, type ConfirmInfo, type ConfirmMethod, type ConfirmSetting, type PrintFailure, type PrintOutcome, type Printer, type PrinterPort,
  type PrinterStatus, type RawPrinterStatus, type Result, type SettleOutcome,
} from './types.js';

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
  /** devices.printer.confirm; default auto */
  confirm?: ConfirmSetting;
  now?: () => Date;
  log?: DriverLog;
}

/** GS a 0: no automatic status back, so only answers to our requests arrive. */
const DISABLE_ASB = Uint8Array.of(0x1d, 0x61, 0x00);

/** The one GS r in flight. */
interface InFlight {
  kind: 'job' | 'probe';
  jobId: string | null;
  generation: number;
  answered: Promise<boolean>;
  resolve: (ok: boolean) => void;
  /** its reply did not come in time: a ready printer is not-confirming */
  overdue: boolean;
}

/** A job that left print() without a final answer. */
interface Unsettled {
  generation: number;
  method: ConfirmMethod;
  outcome: SettleOutcome;
}

/** Status queries the probe makes before it calls a silent link write-only. */
const PROBE_STATUS_TRIES = 3;

/** Unsettled jobs remembered; the queue settles them right away, so a few suffice. */
const MAX_UNSETTLED = 64;

export class EscPosPrinter implements Printer {
  private current: PrinterStatus = { state: 'offline', cause: 'disconnected' };
  private lastRaw: RawPrinterStatus | null = null;
  private readonly listeners = new Set<(status: PrinterStatus, previous: PrinterStatus) => void>();
  private realtimeWaiter: ((byte: number | 'bad' | 'timeout') => void) | null = null;
  /** a real-time request timed out: its reply may still come */
  private realtimeDirty = false;
  private lastRealtimeByteAt = 0;
  private inFlight: InFlight | null = null;
  private readonly unsettled = new Map<string, Unsettled>();
  private readonly linkWatchers = new Set<() => void>();
  private generation = 0;
  private method: ConfirmMethod | null;
  private probedAt: string | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private pollTimer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly confirmTimeoutMs: number;
  private readonly configured: ConfirmSetting;
  private readonly now: () => Date;

  constructor(private readonly port: PrinterPort, private readonly options: EscPosPrinterOptions) {
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? Math.max(10_000, options.statusTimeoutMs * 5);
    this.configured = options.confirm ?? 'auto';
    this.method = this.configured === 'auto' ? null : this.configured;
    this.now = options.now ?? (() => new Date());
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

  get confirmation(): ConfirmInfo {
    return { configured: this.configured, method: this.method, probedAt: this.probedAt };
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
    this.linkLost();
    await this.port.close();
  }

  onStatus(listener: (status: PrinterStatus, previous: PrinterStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  refreshStatus(): Promise<PrinterStatus> {
    return this.exclusive(async () => {
      if (this.method === null && this.port.connected) await this.probe();
      return this.queryStatus();
    });
  }

  print(job: Uint8Array, jobId: string): Promise<Result<PrintOutcome, PrintFailure>> {
    return this.exclusive(async () => {
      if (this.method === null && this.port.connected) await this.probe();
      const before = await this.queryStatus();
      const method = this.method;
      if (!canSend(before) || method === null) return { ok: false, error: { kind: 'not-ready', status: before } };
      this.unsettled.delete(jobId);
      const generation = this.generation;
      let flight: InFlight | null = null;
      try {
        await this.port.write(job);
        if (method === 'gs-r') {
          // In flight before the write: a fast reply must find it.
          flight = this.send('job', jobId, generation);
          await this.port.write(GS_R_PAPER);
        }
      } catch (err) {
        if (flight && this.inFlight === flight) this.inFlight = null;
        // Part of the job may have reached the printer: uncertain.
        this.remember(jobId, { generation, method, outcome: 'uncertain' });
        return { ok: false, error: { kind: 'write-failed', status: await this.queryStatus(), message: (err as Error).message } };
      }
      const outcome = await this.confirm(flight, method, generation);
      if (outcome === 'printed' || outcome === 'sent') {
        this.options.log?.info({ event: 'printer-print-complete', jobId, bytes: job.length, outcome, method }, `job ${outcome}`);
        return { ok: true, value: outcome };
      }
      // Remembered before the next await: a late reply arriving meanwhile must find it.
      this.remember(jobId, { generation, method, outcome: outcome === 'uncertain' ? 'uncertain' : null });
      const after = await this.queryStatus();
      this.options.log?.warn({ event: 'printer-print-unconfirmed', jobId, status: after, method, uncertain: outcome === 'uncertain' }, 'job sent but not confirmed');
      if (outcome === 'uncertain') return { ok: false, error: { kind: 'write-failed', status: after, message: 'link lost after the job was sent' } };
      return { ok: false, error: { kind: 'unconfirmed', status: after } };
    });
  }

  settle(jobId: string): Promise<SettleOutcome> {
    return this.exclusive(async () => {
      const entry = this.unsettled.get(jobId);
      // Not sent by this process (a restart): nobody can tell what printed.
      if (!entry) return 'uncertain';
      const outcome = await this.settleEntry(jobId, entry);
      if (outcome !== null) this.unsettled.delete(jobId);
      return outcome;
    });
  }

  private async settleEntry(jobId: string, entry: Unsettled): Promise<SettleOutcome> {
    if (entry.outcome !== null) return entry.outcome;
    if (entry.generation !== this.generation) return 'uncertain';
    if (entry.method === 'gs-r') {
      const flight = this.inFlight;
      if (!flight || flight.jobId !== jobId) return 'uncertain';
      const ok = await this.waitFor(flight.answered, this.confirmTimeoutMs);
      if (ok) return 'printed';
      if (flight.generation !== this.generation || !this.port.connected) return 'uncertain';
      await this.queryStatus();
      return null;
    }
    // status: the bytes arrived (a reply came after them); they print once the printer is ready again.
    const status = await this.queryStatus();
    if (entry.generation !== this.generation) return 'uncertain';
    return canSend(status) ? 'sent' : null;
  }

  /** Waits for what the method can tell about a job just written. null = no answer yet. */
  private async confirm(flight: InFlight | null, method: ConfirmMethod, generation: number): Promise<SettleOutcome> {
    if (method === 'none') return (await this.linkHolds(generation, this.options.statusTimeoutMs)) ? 'sent' : 'uncertain';
    if (method === 'status') {
      const after = await this.queryStatus();
      if (generation !== this.generation || !this.port.connected) return 'uncertain';
      return canSend(after) ? 'sent' : null;
    }
    if (!flight) return 'uncertain';
    const ok = await this.waitFor(flight.answered, this.confirmTimeoutMs);
    if (ok) return 'printed';
    if (generation !== this.generation || !this.port.connected) return 'uncertain';
    flight.overdue = true;
    return null;
  }

  /** Registers the GS r just written as the one in flight. */
  private send(kind: InFlight['kind'], jobId: string | null, generation: number): InFlight {
    let resolve!: (ok: boolean) => void;
    const answered = new Promise<boolean>((r) => (resolve = r));
    const flight: InFlight = { kind, jobId, generation, answered, resolve, overdue: false };
    this.inFlight = flight;
    return flight;
  }

  private async probe(): Promise<void> {
    if (this.configured !== 'auto' || this.method !== null) return;
    // One missed reply is not "write-only": a busy printer gets three tries.
    let status = await this.queryRealtime();
    for (let tries = 1; tries < PROBE_STATUS_TRIES && status.state === 'offline' && status.cause === 'no-reply'; tries++) status = await this.queryRealtime();
    if (!this.port.connected) return;
    const previous = this.method;
    if (status.state === 'offline') {
      // Nothing answers DLE EOT: a write-only link (a late real-time byte re-probes).
      this.decide('none', previous);
      return;
    }
    if (!canSend(status)) return; // GS r is held while paper is out: probe once ready
    if (this.inFlight) {
      // An earlier probe's GS r is still out: its late answer upgrades the method.
      this.decide('status', previous);
      return;
    }
    const flight = this.send('probe', null, this.generation);
    try {
      await this.port.write(GS_R_PAPER);
    } catch {
      if (this.inFlight === flight) this.inFlight = null;
      return;
    }
    // An idle printer answers GS r as fast as DLE EOT: allow it as long as a status reply may take.
    const ok = await this.waitFor(flight.answered, Math.max(this.confirmTimeoutMs, this.options.statusTimeoutMs));
    if (!this.port.connected) return;
    this.decide(ok ? 'gs-r' : 'status', previous);
  }

  private decide(method: ConfirmMethod, previous: ConfirmMethod | null): void {
    // A late probe reply may have decided already (gs-r): a timeout does not undo it.
    if (method === 'status' && this.method === 'gs-r') return;
    const changed = method !== this.method && method !== previous;
    this.method = method;
    this.probedAt = this.now().toISOString();
    if (changed) this.options.log?.info({ event: 'printer-confirm-method', port: this.port.name, method, configured: this.configured }, `printer confirmation: ${method}`);
  }

  private remember(jobId: string, entry: Unsettled): void {
    this.unsettled.set(jobId, entry);
    while (this.unsettled.size > MAX_UNSETTLED) this.unsettled.delete(this.unsettled.keys().next().value!);
  }

  /** Operations on the wire never interleave: a status query inside a job's bytes would be data. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private waitFor(answered: Promise<boolean>, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      void answered.then((ok) => {
        clearTimeout(timer);
        resolve(ok);
      });
    });
  }

  /** True when the link of `generation` is still up after ms. */
  private linkHolds(generation: number, ms: number): Promise<boolean> {
    if (generation !== this.generation || !this.port.connected) return Promise.resolve(false);
    return new Promise((resolve) => {
      const lost = () => {
        clearTimeout(timer);
        this.linkWatchers.delete(lost);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.linkWatchers.delete(lost);
        resolve(generation === this.generation && this.port.connected);
      }, ms);
      this.linkWatchers.add(lost);
    });
  }

  private linkLost(): void {
    // The replies of the old link will never come: the job in flight is uncertain.
    const flight = this.inFlight;
    this.inFlight = null;
    if (flight?.jobId) {
      const entry = this.unsettled.get(flight.jobId);
      if (entry) entry.outcome = 'uncertain';
    }
    flight?.resolve(false);
    for (const w of [...this.linkWatchers]) w();
  }

  private async queryStatus(): Promise<PrinterStatus> {
    if (!this.port.connected) return this.setStatus({ state: 'offline', cause: 'disconnected' }, null, 'not connected');
    if (this.method === 'none') return this.setStatus({ state: 'write-only' }, null, 'write-only link');
    const status = await this.queryRealtime();
    if (status.state === 'ready' && this.inFlight?.overdue && this.inFlight.kind === 'job') {
      return this.setStatus({ state: 'error', cause: 'not-confirming' }, null, 'GS r reply overdue');
    }
    return status;
  }

  private async queryRealtime(): Promise<PrinterStatus> {
    if (!this.port.connected) return this.setStatus({ state: 'offline', cause: 'disconnected' }, null, 'not connected');
    if (this.realtimeDirty) await this.quiet();
    const replies: number[][] = [];
    for (const n of STATUS_REQUESTS) {
      const reply = await this.requestRealtime(n);
      if (reply === 'timeout') {
        this.realtimeDirty = true;
        return this.setStatus({ state: 'offline', cause: this.port.connected ? 'no-reply' : 'disconnected' }, null, `no reply to DLE EOT ${n}`);
      }
      if (reply === 'bad') return this.setStatus({ state: 'offline', cause: 'bad-reply' }, null, `bad reply to DLE EOT ${n}`);
      replies.push([reply]);
    }
    const decoded = decodeStatusReplies(replies);
    if (!decoded.ok) return this.setStatus({ state: 'offline', cause: 'bad-reply' }, null, decoded.error);
    return this.setStatus(summarizeStatus(decoded.value), decoded.value, 'polled');
  }

  /** Resynchronises real-time replies: waits until statusTimeoutMs passed without one. */
  private async quiet(): Promise<void> {
    for (;;) {
      const since = Date.now() - this.lastRealtimeByteAt;
      if (since >= this.options.statusTimeoutMs) break;
      await new Promise((r) => setTimeout(r, this.options.statusTimeoutMs - since));
    }
    this.realtimeDirty = false;
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
        this.lastRealtimeByteAt = Date.now();
        if (this.realtimeWaiter) this.realtimeWaiter(byte);
        else if (this.method === 'none' && this.configured === 'auto') {
          // A "write-only" printer that answers after all: ask it again.
          this.method = null;
          this.options.log?.info({ event: 'printer-confirm-reprobe', port: this.port.name }, 'late status reply: probing again');
        }
        // Otherwise a late reply to a timed-out request: dropped.
      } else if (isGsRPaperByte(byte)) {
        const flight = this.inFlight;
        if (!flight) {
          this.options.log?.debug?.({ event: 'printer-stray-gs-r', byte }, 'GS r reply with nothing in flight: dropped');
          continue;
        }
        this.inFlight = null;
        if (flight.kind === 'probe' && this.method !== 'gs-r' && this.configured === 'auto') this.decide('gs-r', this.method);
        if (flight.jobId && flight.overdue) {
          const entry = this.unsettled.get(flight.jobId);
          if (entry) entry.outcome = 'printed';
          this.options.log?.info({ event: 'printer-print-confirmed-late', jobId: flight.jobId }, 'printer confirmed a job late');
        }
        flight.resolve(true);
        // A stalled printer may be ready again now.
        if (flight.overdue) void this.refreshStatus().catch(() => undefined);
      } else {
        this.options.log?.debug?.({ event: 'printer-garbage-byte', byte }, 'ignored byte from printer');
        this.realtimeWaiter?.('bad');
      }
    }
  };

  private readonly onConnect = (): void => {
    this.generation += 1;
    if (this.configured === 'auto') this.method = null;
    this.port.write(DISABLE_ASB).catch(() => undefined);
    void this.refreshStatus().catch(() => undefined);
  };

  private readonly onDisconnect = (): void => {
    this.linkLost();
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

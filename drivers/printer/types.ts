// The printer as the rest of the kiosk sees it: one status union (no separate
// error field that can go stale), a small byte-port interface the transports
// implement, and Result-style returns instead of throws for printing.

/** Why the printer cannot print right now. kebab-case, also used as health state. */
export type PrinterStatus =
  | { state: 'ready'; paperNearEnd: boolean }
  | { state: 'paper-end' }
  | { state: 'cover-open' }
  | { state: 'error'; cause: PrinterErrorCause }
  | { state: 'offline'; cause: PrinterOfflineCause }
  /** Link up, but the printer reports nothing (confirmation method `none`): neither ready nor faulty is known. */
  | { state: 'write-only' };

/** not-confirming: the printer answered GS r before and stopped (a health fault, not a stuck queue). */
export type PrinterErrorCause = 'mechanical' | 'auto-cutter' | 'unrecoverable' | 'auto-recoverable' | 'offline-other' | 'not-confirming';

/**
 * How the driver learns what became of a job.
 * gs-r: GS r 1 after the job, answered once the printer processed it → `printed`.
 * status: DLE EOT only; a real-time reply after the job proves the bytes arrived → `sent`.
 * none: a write-only link; bytes accepted by the link → `sent`.
 */
export type ConfirmMethod = 'gs-r' | 'status' | 'none';
export type ConfirmSetting = 'auto' | ConfirmMethod;

export interface ConfirmInfo {
  configured: ConfirmSetting;
  /** null until the probe (auto) has an answer */
  method: ConfirmMethod | null;
  probedAt: string | null;
}

/** disconnected: no transport; no-reply: transport up, status request timed out; bad-reply: bytes that are not a status. */
export type PrinterOfflineCause = 'disconnected' | 'no-reply' | 'bad-reply';

export type PrinterState = PrinterStatus['state'];

/** Decoded DLE EOT 1–4 replies, bit by bit, for the technician page. */
export interface RawPrinterStatus {
  /** DLE EOT 1 */
  printer: { drawerPin3High: boolean; offline: boolean; waitingOnlineRecovery: boolean; feedButtonPressed: boolean };
  /** DLE EOT 2 */
  offlineCause: { coverOpen: boolean; feedingByButton: boolean; stoppedByPaperEnd: boolean; errorOccurred: boolean };
  /** DLE EOT 3 */
  error: { mechanical: boolean; autoCutter: boolean; unrecoverable: boolean; autoRecoverable: boolean };
  /** DLE EOT 4 */
  paper: { nearEnd: boolean; end: boolean };
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** printed: the printer confirmed processing (GS r); sent: delivered, not confirmable with this method. */
export type PrintOutcome = 'printed' | 'sent';

/** What settle() found out about an earlier unconfirmed job. */
export type SettleOutcome =
  | PrintOutcome
  /** the link dropped (or the job was never sent whole): the printer may or may not have printed it */
  | 'uncertain'
  /** no answer yet: ask again later */
  | null;

export type PrintFailure =
  /** Not sent: the printer was not ready before the job. */
  | { kind: 'not-ready'; status: PrinterStatus }
  /** Sent, but the printer did not confirm processing it in time (paper ran out mid-job, slow reply…): settle() tells later. */
  | { kind: 'unconfirmed'; status: PrinterStatus }
  /** The link failed during or right after the job: what printed is unknown. */
  | { kind: 'write-failed'; status: PrinterStatus; message: string };

/**
 * A byte link to the printer (TCP socket, serial port, USB char device).
 * Narrow on purpose, so tests can fake connect, unplug and replug.
 */
export interface PrinterPort {
  readonly name: string;
  readonly connected: boolean;
  /** Opens the link and keeps reconnecting with backoff after loss, until close(). */
  open(): void;
  close(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  on(event: 'data', listener: (bytes: Buffer) => void): void;
  on(event: 'connect' | 'disconnect', listener: () => void): void;
  off(event: 'data', listener: (bytes: Buffer) => void): void;
  off(event: 'connect' | 'disconnect', listener: () => void): void;
}

/** What the print queue and the health model use. */
export interface Printer {
  readonly status: PrinterStatus;
  readonly raw: RawPrinterStatus | null;
  readonly paperWidthDots: number;
  /** The confirmation method in use (technician page, heartbeats). */
  readonly confirmation: ConfirmInfo;
  start(): void;
  stop(): Promise<void>;
  /** Asks the printer now (also done at the poll interval). */
  refreshStatus(): Promise<PrinterStatus>;
  /** Checks status, sends the job, and confirms it as far as the method allows. */
  print(job: Uint8Array, jobId: string): Promise<Result<PrintOutcome, PrintFailure>>;
  /**
   * After an 'unconfirmed' or 'write-failed' job: what became of it.
   * Unknown job ids (e.g. after a restart) are 'uncertain'.
   */
  settle(jobId: string): Promise<SettleOutcome>;
  onStatus(listener: (status: PrinterStatus, previous: PrinterStatus) => void): () => void;
}

export const DOTS_PER_MM_WIDTH: Record<58 | 80, number> = { 58: 384, 80: 576 };

// Pure ESC/POS status code: DLE EOT n (real-time status, n = 1..4) request
// frames, the bit tables of their one-byte replies, and the mapping of the
// four replies to the PrinterStatus union. No I/O here.
//
// Every DLE EOT reply byte has fixed bits: bit 0 = 0, bit 1 = 1, bit 4 = 1,
// bit 7 = 0 (mask 0x93 → 0x12). A byte without them is not a status reply.
// GS r 1 (paper sensor status, processed in order with print data) replies
// with bit 4 = 0 and bit 7 = 0, which is how the two are told apart.
import type { PrinterStatus, RawPrinterStatus, Result } from './types.js';

export type StatusRequest = 1 | 2 | 3 | 4;
export const STATUS_REQUESTS: readonly StatusRequest[] = [1, 2, 3, 4];

export const DLE = 0x10;
export const EOT = 0x04;

export function dleEot(n: StatusRequest): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** GS r 1: transmit paper sensor status. Not real-time: answered only once all data before it is processed. */
export const GS_R_PAPER = Uint8Array.of(0x1d, 0x72, 0x01);

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

export function isRealtimeStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

export function isGsRPaperByte(byte: number): boolean {
  return (byte & 0x90) === 0x00;
}

function checkFixed(n: StatusRequest, byte: number): string | null {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff) return `DLE EOT ${n}: not a byte (${String(byte)})`;
  if (!isRealtimeStatusByte(byte)) return `DLE EOT ${n}: 0x${byte.toString(16).padStart(2, '0')} lacks the fixed bits (0xx1xx10)`;
  return null;
}

/** DLE EOT 1, printer status. bit 2: drawer pin 3; bit 3: offline; bit 5: waiting for online recovery; bit 6: feed button pressed. */
export function decodePrinterByte(byte: number): Result<RawPrinterStatus['printer'], string> {
  const bad = checkFixed(1, byte);
  if (bad) return { ok: false, error: bad };
  return { ok: true, value: { drawerPin3High: bit(byte, 2), offline: bit(byte, 3), waitingOnlineRecovery: bit(byte, 5), feedButtonPressed: bit(byte, 6) } };
}

/** DLE EOT 2, offline cause. bit 2: cover open; bit 3: paper fed by button; bit 5: printing stopped by paper end; bit 6: error occurred. */
export function decodeOfflineCauseByte(byte: number): Result<RawPrinterStatus['offlineCause'], string> {
  const bad = checkFixed(2, byte);
  if (bad) return { ok: false, error: bad };
  return { ok: true, value: { coverOpen: bit(byte, 2), feedingByButton: bit(byte, 3), stoppedByPaperEnd: bit(byte, 5), errorOccurred: bit(byte, 6) } };
}

/** DLE EOT 3, error cause. bit 2: mechanical (recoverable) error; bit 3: auto-cutter error; bit 5: unrecoverable error; bit 6: automatically recoverable error. */
export function decodeErrorByte(byte: number): Result<RawPrinterStatus['error'], string> {
  const bad = checkFixed(3, byte);
  if (bad) return { ok: false, error: bad };
  return { ok: true, value: { mechanical: bit(byte, 2), autoCutter: bit(byte, 3), unrecoverable: bit(byte, 5), autoRecoverable: bit(byte, 6) } };
}

/** DLE EOT 4, roll paper sensor. bits 2+3: near end; bits 5+6: paper end. Either bit of a pair counts (some printers set one). */
export function decodePaperByte(byte: number): Result<RawPrinterStatus['paper'], string> {
  const bad = checkFixed(4, byte);
  if (bad) return { ok: false, error: bad };
  return { ok: true, value: { nearEnd: (byte & 0x0c) !== 0, end: (byte & 0x60) !== 0 } };
}

/**
 * Decodes the replies to DLE EOT 1..4, each given as the bytes received for
 * that request. Exactly one byte with the fixed bits is required; an empty
 * (short) or longer or malformed reply is reported, never thrown.
 */
export function decodeStatusReplies(replies: ReadonlyArray<ArrayLike<number> | undefined>): Result<RawPrinterStatus, string> {
  const one = (n: StatusRequest): Result<number, string> => {
    const reply = replies[n - 1];
    if (!reply || reply.length === 0) return { ok: false, error: `DLE EOT ${n}: no reply` };
    if (reply.length > 1) return { ok: false, error: `DLE EOT ${n}: ${reply.length} bytes, expected 1` };
    return { ok: true, value: reply[0]! };
  };
  const b1 = one(1);
  if (!b1.ok) return b1;
  const b2 = one(2);
  if (!b2.ok) return b2;
  const b3 = one(3);
  if (!b3.ok) return b3;
  const b4 = one(4);
  if (!b4.ok) return b4;
  const printer = decodePrinterByte(b1.value);
  if (!printer.ok) return printer;
  const offlineCause = decodeOfflineCauseByte(b2.value);
  if (!offlineCause.ok) return offlineCause;
  const error = decodeErrorByte(b3.value);
  if (!error.ok) return error;
  const paper = decodePaperByte(b4.value);
  if (!paper.ok) return paper;
  return { ok: true, value: { printer: printer.value, offlineCause: offlineCause.value, error: error.value, paper: paper.value } };
}

/**
 * One status from the four tables. Order: what needs a technician first,
 * then what the guard can fix (cover, paper), then transient conditions.
 */
export function summarizeStatus(raw: RawPrinterStatus): PrinterStatus {
  if (raw.error.unrecoverable) return { state: 'error', cause: 'unrecoverable' };
  if (raw.error.autoCutter) return { state: 'error', cause: 'auto-cutter' };
  if (raw.error.mechanical) return { state: 'error', cause: 'mechanical' };
  if (raw.offlineCause.coverOpen) return { state: 'cover-open' };
  if (raw.paper.end || raw.offlineCause.stoppedByPaperEnd) return { state: 'paper-end' };
  if (raw.error.autoRecoverable) return { state: 'error', cause: 'auto-recoverable' };
  if (raw.printer.offline || raw.offlineCause.errorOccurred) return { state: 'error', cause: 'offline-other' };
  return { state: 'ready', paperNearEnd: raw.paper.nearEnd };
}

/** Encodes a raw status back to the four reply bytes (the virtual printer answers with these). */
export function encodeStatusBytes(raw: RawPrinterStatus): [number, number, number, number] {
  const b = (flags: Array<[boolean, number]>): number => flags.reduce((acc, [on, mask]) => (on ? acc | mask : acc), 0x12);
  return [
    b([[raw.printer.drawerPin3High, 0x04], [raw.printer.offline, 0x08], [raw.printer.waitingOnlineRecovery, 0x20], [raw.printer.feedButtonPressed, 0x40]]),
    b([[raw.offlineCause.coverOpen, 0x04], [raw.offlineCause.feedingByButton, 0x08], [raw.offlineCause.stoppedByPaperEnd, 0x20], [raw.offlineCause.errorOccurred, 0x40]]),
    b([[raw.error.mechanical, 0x04], [raw.error.autoCutter, 0x08], [raw.error.unrecoverable, 0x20], [raw.error.autoRecoverable, 0x40]]),
    b([[raw.paper.nearEnd, 0x0c], [raw.paper.end, 0x60]]),
  ];
}

/** GS r 1 reply: bits 0+1 near end, bits 2+3 paper end. */
export function encodeGsRPaperByte(paper: RawPrinterStatus['paper']): number {
  return (paper.nearEnd ? 0x03 : 0) | (paper.end ? 0x0c : 0);
}

/** A job may be sent: the printer reports ready, or it is a write-only link that reports nothing. */
export function canSend(status: PrinterStatus): boolean {
  return status.state === 'ready' || status.state === 'write-only';
}

/** Health the kiosk shows for a printer status. */
export function printerHealth(status: PrinterStatus): { level: 'ok' | 'warning' | 'fault'; state: string; detail: string } {
  switch (status.state) {
    case 'ready':
      return status.paperNearEnd
        ? { level: 'warning', state: 'paper-near-end', detail: 'paper roll nearly used up; replace soon' }
        : { level: 'ok', state: 'ready', detail: 'ready' };
    case 'paper-end':
      return { level: 'fault', state: 'paper-end', detail: 'out of paper: load a new roll' };
    case 'cover-open':
      return { level: 'fault', state: 'cover-open', detail: 'printer cover is open: close it' };
    case 'error':
      return { level: 'fault', state: `error-${status.cause}`, detail: errorDetail[status.cause] };
    case 'offline':
      return { level: 'fault', state: status.cause === 'disconnected' ? 'disconnected' : 'offline', detail: offlineDetail[status.cause] };
    case 'write-only':
      // Not ok: nothing is known about paper or errors, and no receipt can be confirmed.
      return { level: 'warning', state: 'write-only', detail: 'link up, but this printer reports no status: receipts are sent, never confirmed printed' };
  }
}

const errorDetail: Record<Extract<PrinterStatus, { state: 'error' }>['cause'], string> = {
  mechanical: 'mechanical error (paper jam or head up): clear it and close the cover',
  'auto-cutter': 'auto-cutter error: clear the cutter jam',
  unrecoverable: 'unrecoverable printer error: power-cycle or replace the printer',
  'auto-recoverable': 'head overheated or voltage out of range: recovers by itself',
  'offline-other': 'printer reports offline without a known cause',
  'not-confirming': 'the printer stopped answering GS r (job confirmation) it answered before: check it, or power-cycle it',
};

const offlineDetail: Record<Extract<PrinterStatus, { state: 'offline' }>['cause'], string> = {
  disconnected: 'no link to the printer (cable, power or network)',
  'no-reply': 'the printer did not answer the status request in time',
  'bad-reply': 'the printer answered with bytes that are not a status reply',
};

export function sameStatus(a: PrinterStatus, b: PrinterStatus): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

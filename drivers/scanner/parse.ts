// Pure classification of a scanned payload. No I/O, no clock: duplicate
// suppression takes the time as an argument.
//
// Formats recognised (checked in this order, on the cleaned text):
//
// - receipt   an ecorner receipt QR. The QR printed on every ecorner receipt
//             encodes the bare kiosk reference, upper case:
//                 KE-<site: 2-4 letters>-<yymmdd>-<sequence: 5-9 digits>
//                 e.g. KE-DLS-261126-00042
//             Bare, because QR "alphanumeric" mode (0-9 A-Z space $%*+-./:)
//             holds it in the smallest symbol, and it needs no network to read.
//             The printer must encode `receiptQrPayload(reference)`. Also
//             accepted (for QR codes shown on a screen or a future URL form):
//             `ecorner:receipt/<ref>`, `ecorner://receipt/<ref>`, and any
//             http(s) URL whose last path segment or `ref` query parameter is
//             the reference. Lower case is accepted (some scanners fold case).
// - upi       a UPI deep link `upi://pay?pa=<vpa>&pn=<name>&am=<amount>&cu=INR&tr=<ref>`.
//             `pa` is required and must look like a VPA; `am` if present is
//             rupees with at most two decimals; `cu` if present must be INR.
// - account   exactly 10 digits: the KESCO account (connection) number.
// - legacy-account  exactly 8 digits: the pre-migration number; the consumer is
//             told to use the new 10-digit one.
// - bill      12-16 digits: the bill number printed under the bill's barcode.
//             ASSUMPTION (no public spec for UPPCL/KESCO bill barcodes was
//             found): bill numbers are long all-digit numbers, longer than an
//             account number. Change BILL_NUMBER below if the real format differs.
// - unknown   anything else, with a bilingual message and a machine reason.
import type { ScanEvent } from './scan-event.js';
import { glossary as G } from '../../config/glossary.js';

export type ScanKind = ScanEvent['kind'];

export interface Bilingual {
  en: string;
  hi: string;
}

export type UnknownReason = 'empty' | 'too-long' | 'unrecognised' | 'invalid-upi' | 'invalid-receipt';

export interface ParsedScan {
  kind: ScanKind;
  value: string;
  detail?: Record<string, unknown>;
}

export interface ParseOptions {
  /** the scanner sends AIM symbology identifiers (]Q1, ]C0, ]E0 …) that must be stripped */
  aimPrefix: boolean;
  /** longest accepted code, in characters after cleaning */
  maxLength: number;
}

export const ACCOUNT_NUMBER = /^\d{10}$/;
export const LEGACY_ACCOUNT_NUMBER = /^\d{8}$/;
export const BILL_NUMBER = /^\d{12,16}$/;
export const RECEIPT_REFERENCE = /^KE-([A-Z]{2,4})-(\d{2})(\d{2})(\d{2})-(\d{5,9})$/;
const VPA = /^[A-Za-z0-9._-]{2,256}@[A-Za-z][A-Za-z0-9.-]{1,64}$/;
const UPI_AMOUNT = /^\d{1,7}(\.\d{1,2})?$/;

/** How much of an unrecognised code is echoed in events: enough for a technician, not a whole ID card QR. */
export const UNKNOWN_ECHO_CHARS = 48;

export const MESSAGES = {
  unrecognised: {
    en: `This code was not recognised. Please scan the barcode on your electricity bill or an ${G.eCorner.en} receipt, or type your 10-digit ${G.accountShort.en}.`,
    hi: `यह कोड पहचाना नहीं गया। कृपया अपने बिजली बिल का बारकोड या ${G.eCorner.hi} रसीद स्कैन करें, या अपना 10 अंकों का ${G.accountShort.hi} टाइप करें।`,
  },
  empty: {
    en: 'Nothing was read. Please hold the code steady under the scanner and try again.',
    hi: 'कुछ भी पढ़ा नहीं गया। कृपया कोड को स्कैनर के नीचे स्थिर रखें और फिर से प्रयास करें।',
  },
  'too-long': {
    en: 'This code is too long to be an electricity bill or receipt code. Please scan the barcode on your bill.',
    hi: 'यह कोड बिजली बिल या रसीद के कोड से बहुत लंबा है। कृपया अपने बिल का बारकोड स्कैन करें।',
  },
  'invalid-upi': {
    en: 'This payment QR code is incomplete or not valid. Please use the QR code shown on this screen.',
    hi: 'यह भुगतान QR कोड अधूरा या अमान्य है। कृपया इसी स्क्रीन पर दिखाया गया QR कोड उपयोग करें।',
  },
  'invalid-receipt': {
    en: 'This receipt code is not valid. Please type the reference number printed on your receipt.',
    hi: `यह रसीद कोड मान्य नहीं है। कृपया अपनी रसीद पर छपी ${G.reference.hi} टाइप करें।`,
  },
  legacy: {
    en: `This is an ${G.legacyAccount.en}. Type it on the form to look up the new one, or enter the ${G.newAccount.en} printed on your latest bill.`,
    hi: `यह ${G.legacyAccount.hi} है। नया नंबर खोजने के लिए इसे फ़ॉर्म में टाइप करें, या अपने नवीनतम बिल पर छपा ${G.newAccount.hi} दर्ज करें।`,
  },
} satisfies Record<string, Bilingual>;

/** AIM symbology identifier code characters (ISO/IEC 15424) → readable name. */
const SYMBOLOGIES: Record<string, string> = {
  A: 'code-39', C: 'code-128', d: 'data-matrix', E: 'ean-upc', e: 'gs1-databar', F: 'codabar',
  G: 'code-93', I: 'itf', L: 'pdf417', Q: 'qr', U: 'maxicode', z: 'aztec', X: 'other',
};
const AIM_PREFIX = /^\]([A-Za-z])([0-9A-Za-z])/;

export interface CleanResult {
  text: string;
  /** e.g. "]Q1" when an AIM prefix was stripped */
  aim?: string;
  symbology?: string;
}

/**
 * Decodes bytes (UTF-8, invalid sequences replaced), strips the AIM prefix if
 * configured, removes control characters (C0, DEL, C1) anywhere and trims.
 */
export function cleanPayload(raw: string | Uint8Array, options: Pick<ParseOptions, 'aimPrefix'>): CleanResult {
  let text = typeof raw === 'string' ? raw : new TextDecoder('utf-8', { fatal: false }).decode(raw);
  // Strip controls first: a scanner may send STX/ETX around the AIM prefix.
  text = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  const result: CleanResult = { text };
  if (options.aimPrefix) {
    const m = AIM_PREFIX.exec(text);
    if (m) {
      result.aim = m[0];
      result.symbology = SYMBOLOGIES[m[1]!] ?? 'other';
      result.text = text.slice(m[0].length).trim();
    }
  }
  return result;
}

function unknown(reason: UnknownReason, text: string, extra: Record<string, unknown> = {}): ParsedScan {
  const value = text.length > UNKNOWN_ECHO_CHARS ? `${text.slice(0, UNKNOWN_ECHO_CHARS)}…` : text;
  const message = reason === 'empty' ? MESSAGES.empty : reason === 'too-long' ? MESSAGES['too-long'] : reason === 'invalid-upi' ? MESSAGES['invalid-upi'] : reason === 'invalid-receipt' ? MESSAGES['invalid-receipt'] : MESSAGES.unrecognised;
  return { kind: 'unknown', value, detail: { reason, length: text.length, message, ...extra } };
}

function validDate(yy: number, mm: number, dd: number): boolean {
  if (mm < 1 || mm > 12 || dd < 1) return false;
  const daysInMonth = new Date(Date.UTC(2000 + yy, mm, 0)).getUTCDate();
  return dd <= daysInMonth;
}

/** Parses a bare kiosk reference; null when it is not one. */
export function parseReceiptReference(candidate: string): { reference: string; site: string; date: string; sequence: number } | null {
  const reference = candidate.trim().toUpperCase();
  const m = RECEIPT_REFERENCE.exec(reference);
  if (!m) return null;
  const [, site, yy, mm, dd, seq] = m as unknown as [string, string, string, string, string, string];
  if (!validDate(Number(yy), Number(mm), Number(dd))) return null;
  return { reference, site, date: `20${yy}-${mm}-${dd}`, sequence: Number(seq) };
}

/** The exact QR content the printer must encode for a receipt (see the header). */
export function receiptQrPayload(reference: string): string {
  const parsed = parseReceiptReference(reference);
  if (!parsed) throw new RangeError(`not a kiosk reference: ${reference}`);
  return parsed.reference;
}

/** Pulls the reference candidate out of the accepted receipt QR forms; null if it is none of them. */
function receiptCandidate(text: string): string | null {
  if (/^KE-/i.test(text)) return text;
  const scheme = /^ecorner:(?:\/\/)?receipt\/([^/?#\s]+)\/?$/i.exec(text);
  if (scheme) return scheme[1]!;
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return null;
    }
    const ref = url.searchParams.get('ref');
    if (ref && /^KE-/i.test(ref)) return ref;
    const last = url.pathname.split('/').filter(Boolean).pop();
    if (last && /^KE-/i.test(last)) return decodeURIComponent(last);
  }
  return null;
}

function parseUpi(text: string): ParsedScan {
  const query = text.slice(text.indexOf('?') + 1);
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return unknown('invalid-upi', text);
  }
  const pa = params.get('pa')?.trim();
  if (!pa || !VPA.test(pa)) return unknown('invalid-upi', text, { problem: 'pa' });
  const am = params.get('am')?.trim();
  if (am !== undefined && am !== '' && !UPI_AMOUNT.test(am)) return unknown('invalid-upi', text, { problem: 'am' });
  const cu = params.get('cu')?.trim();
  if (cu !== undefined && cu !== '' && cu.toUpperCase() !== 'INR') return unknown('invalid-upi', text, { problem: 'cu' });
  const detail: Record<string, unknown> = { payee: pa };
  const pn = params.get('pn')?.trim();
  if (pn) detail.name = pn;
  if (am) detail.amount = am;
  if (cu) detail.currency = cu.toUpperCase();
  const tr = params.get('tr')?.trim();
  if (tr) {
    detail.reference = tr;
    // The kiosk's own payment QR carries the kiosk reference as tr (DESIGN.md).
    const receipt = parseReceiptReference(tr);
    if (receipt) detail.kioskReference = receipt.reference;
  }
  const tn = params.get('tn')?.trim();
  if (tn) detail.note = tn;
  return { kind: 'upi', value: text, detail };
}

/** Classifies already-cleaned text. */
export function classify(text: string, maxLength: number): ParsedScan {
  if (text.length === 0) return unknown('empty', text);
  if (text.length > maxLength) return unknown('too-long', text);

  const candidate = receiptCandidate(text);
  if (candidate !== null) {
    const receipt = parseReceiptReference(candidate);
    if (!receipt) return unknown('invalid-receipt', text);
    return { kind: 'receipt', value: receipt.reference, detail: { site: receipt.site, date: receipt.date, sequence: receipt.sequence } };
  }
  if (/^upi:\/\/pay\?/i.test(text)) return parseUpi(text);
  if (ACCOUNT_NUMBER.test(text)) return { kind: 'account', value: text };
  if (LEGACY_ACCOUNT_NUMBER.test(text)) return { kind: 'legacy-account', value: text, detail: { message: MESSAGES.legacy } };
  if (BILL_NUMBER.test(text)) return { kind: 'bill', value: text };
  return unknown('unrecognised', text);
}

/**
 * Clean + classify, as the scanner service does for every payload. `overflow`
 * marks a payload the framer already cut short: it is always 'too-long'.
 */
export function parseScan(raw: string | Uint8Array, options: ParseOptions, overflow = false): ParsedScan {
  // Bound the work before decoding: a runaway device must not make us decode megabytes.
  const limit = options.maxLength * 4 + 16;
  const cleaned = cleanPayload(raw.length > limit ? raw.slice(0, limit) : raw, options);
  const parsed = overflow || raw.length > limit ? unknown('too-long', cleaned.text) : classify(cleaned.text, options.maxLength);
  if (cleaned.symbology) parsed.detail = { ...parsed.detail, symbology: cleaned.symbology, aim: cleaned.aim };
  return parsed;
}

/**
 * Suppresses the same code read again within `windowMs` of its last read (a
 * code left under a presentation scanner is re-read continuously; each read
 * extends the window). A different code is always let through. Pure: the time
 * is passed in.
 */
export class DuplicateFilter {
  private lastKey: string | null = null;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly windowMs: number) {}

  /** True when the code should be delivered. */
  accept(key: string, nowMs: number): boolean {
    const duplicate = this.windowMs > 0 && key === this.lastKey && nowMs - this.lastAt < this.windowMs && nowMs >= this.lastAt;
    this.lastKey = key;
    this.lastAt = nowMs;
    return !duplicate;
  }

  reset(): void {
    this.lastKey = null;
    this.lastAt = Number.NEGATIVE_INFINITY;
  }
}

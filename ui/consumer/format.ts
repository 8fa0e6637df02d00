// Dates for consumers: always India Standard Time, in both languages.
import type { Bilingual } from './i18n.js';

const opts: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Kolkata', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true };

export function istDateTime(iso: string): Bilingual {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { en: iso, hi: iso };
  return { en: `${new Intl.DateTimeFormat('en-IN', opts).format(d)} IST`, hi: `${new Intl.DateTimeFormat('hi-IN', { ...opts, numberingSystem: 'latn' }).format(d)} (IST)` };
}

export function rupees(amount: number): string {
  return `₹ ${amount.toLocaleString('en-IN', { minimumFractionDigits: amount % 1 ? 2 : 0, maximumFractionDigits: 2 })}`;
}

/** 9876543210 → 98765 43210 (easier to read back) */
export function groupDigits(digits: string): string {
  return digits.length === 10 ? `${digits.slice(0, 5)} ${digits.slice(5)}` : digits;
}

const DAY = 24 * 3600 * 1000;

/** Part of the day, as a Hindi speaker says a time ("शाम 6:05 बजे"). */
function hindiDayPart(hour: number): string {
  if (hour >= 4 && hour < 12) return 'सुबह';
  if (hour >= 12 && hour < 16) return 'दोपहर';
  if (hour >= 16 && hour < 20) return 'शाम';
  return 'रात';
}

/** A moment as a Hindi speaker says it ("2 दिसंबर 2026, शाम 6:05 बजे") and in English ("6:05 pm, 2 December 2026"), IST. */
export function istWhen(iso: string): Bilingual {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return { en: iso, hi: iso };
  const { en, hi } = istDate(at);
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return { en: `${h12}:${minute} ${hour < 12 ? 'am' : 'pm'}, ${en}`, hi: `${hi}, ${hindiDayPart(hour)} ${h12}:${minute} बजे` };
}

function istDate(at: Date): Bilingual {
  const day = { timeZone: 'Asia/Kolkata', day: 'numeric', month: 'long', year: 'numeric' } as const;
  return { en: new Intl.DateTimeFormat('en-IN', day).format(at), hi: new Intl.DateTimeFormat('hi-IN', { ...day, numberingSystem: 'latn' }).format(at) };
}

/**
 * A due date as a consumer reads it: a date for timelines of a day or more
 * ("9 दिसंबर 2026 तक" / "by 9 December 2026"), a time for hours-scale ones
 * ("9 दिसंबर 2026, शाम 6:05 बजे तक" / "by 6:05 pm, 9 December 2026"). IST.
 */
export function dueDate(dueIso: string, fromIso: string): Bilingual {
  const due = new Date(dueIso);
  const from = new Date(fromIso);
  if (Number.isNaN(due.getTime())) return { en: dueIso, hi: dueIso };
  const long = Number.isNaN(from.getTime()) || due.getTime() - from.getTime() >= DAY;
  const when = long ? istDate(due) : istWhen(dueIso);
  return { en: `by ${when.en}`, hi: `${when.hi} तक` };
}

/** A reference with break opportunities after each dash: wraps whole parts, never mid-number. */
export function referenceParts(reference: string): Array<string | HTMLElement> {
  const out: Array<string | HTMLElement> = [];
  reference.split(/(?<=-)/).forEach((part, i) => {
    if (i > 0) out.push(document.createElement('wbr'));
    out.push(part);
  });
  return out;
}

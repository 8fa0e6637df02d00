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
